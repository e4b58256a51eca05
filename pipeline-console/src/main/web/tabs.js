/**
 * Tabs as WAI-ARIA describes them: a tab list of buttons (arrow keys, Home and End move between
 * them) and one panel shown at a time.
 */
import { h } from './dom.js';

/**
 * @param {string} label what the tabs switch between
 * @param {{id: string, label: string, content: Node, onShow?: () => void}[]} entries
 * @param {string} [shown] the id of the entry shown first; the first entry by default
 */
export function tabs(label, entries, shown = entries[0].id) {
  const buttons = entries.map((entry) =>
    h(
      'button',
      {
        type: 'button',
        role: 'tab',
        id: `tab-${entry.id}`,
        'aria-controls': `panel-${entry.id}`,
        onclick: () => show(entry.id),
      },
      entry.label,
    ),
  );
  const panels = entries.map((entry) =>
    h(
      'section',
      {
        role: 'tabpanel',
        id: `panel-${entry.id}`,
        'aria-labelledby': `tab-${entry.id}`,
        class: 'tab-panel',
      },
      entry.content,
    ),
  );
  const show = (id) => {
    entries.forEach((entry, i) => {
      const selected = entry.id === id;
      buttons[i].setAttribute('aria-selected', String(selected));
      buttons[i].tabIndex = selected ? 0 : -1;
      panels[i].hidden = !selected;
      if (selected) entry.onShow?.();
    });
  };
  const list = h('div', { role: 'tablist', 'aria-label': label, class: 'tabs' }, buttons);
  list.addEventListener('keydown', (event) => {
    const current = buttons.indexOf(document.activeElement);
    const moves = {
      ArrowRight: current + 1,
      ArrowLeft: current - 1,
      Home: 0,
      End: buttons.length - 1,
    };
    if (current < 0 || !(event.key in moves)) return;
    event.preventDefault();
    const next = (moves[event.key] + buttons.length) % buttons.length;
    buttons[next].focus();
    show(entries[next].id);
  });
  show(entries.some((entry) => entry.id === shown) ? shown : entries[0].id);
  return h('div', { class: 'tabbed' }, list, panels);
}
