/**
 * Shows each state's status on the drawn graph, changing only the states whose status changed:
 * a class (`status-succeeded`...) for the colours, a mark in the node's corner, the words in its
 * accessible name and a data attribute for tests (`data-status`). And the legend, with how many
 * states have each status, announced politely as it changes.
 */
import { h } from '../dom.js';
import { statusIcon, statusMark } from './icons.js';
import { STATE_STATUSES, stateStatusLabel } from './status.js';

/**
 * @param {SVGSVGElement} canvas the graph view's canvas
 * @param {Map<string, import('./states.js').NodeState>} nodeStates
 * @returns {Record<string, number>} how many states have each status
 */
export function paintStates(canvas, nodeStates) {
  const totals = {};
  for (const element of canvas.querySelectorAll('g.state[data-node-id]')) {
    const state = nodeStates.get(element.dataset.nodeId);
    const status = state?.status ?? 'not-started';
    totals[status] = (totals[status] ?? 0) + 1;
    const summary = summaryOf(state);
    const painted = `${status} ${summary}`;
    if (element.dataset.painted === painted) continue;
    element.dataset.painted = painted;
    if (element.dataset.baseLabel === undefined) {
      element.dataset.baseLabel = element.getAttribute('aria-label') ?? '';
    }
    if (element.dataset.status) element.classList.remove(`status-${element.dataset.status}`);
    element.classList.add(`status-${status}`);
    element.dataset.status = status;
    element.querySelector(':scope > .status-mark')?.remove();
    const mark = statusMark(status);
    mark.setAttribute('transform', 'translate(2 2)');
    element.append(mark);
    element.setAttribute(
      'aria-label',
      `${element.dataset.baseLabel}; ${stateStatusLabel(status)}${summary}`,
    );
  }
  return totals;
}

/** What a state did beyond its status: its visits by status, its retries. */
export function summaryOf(state) {
  if (!state) return '';
  const parts = [];
  if (state.visits > 1) {
    const byStatus = Object.entries(state.counts)
      .map(([status, count]) => `${count} ${stateStatusLabel(status).toLowerCase()}`)
      .join(', ');
    parts.push(`${state.visits} visits: ${byStatus}`);
  }
  if (state.retries > 0)
    parts.push(`${state.retries} ${state.retries === 1 ? 'retry' : 'retries'}`);
  return parts.length === 0 ? '' : ` (${parts.join('; ')})`;
}

/**
 * The legend of the statuses: mark, name, meaning, and how many states have it.
 *
 * @returns {{element: HTMLElement, update: (totals: Record<string, number>) => void}}
 */
export function statusLegend() {
  const counts = new Map();
  const items = STATE_STATUSES.map(({ status, label, hint }) => {
    const count = h('span', { class: 'count' }, '0');
    counts.set(status, count);
    return h(
      'li',
      { class: `legend-item status-${status}`, 'data-status': status },
      statusIcon(status),
      h('span', { class: 'legend-label' }, label),
      count,
      h('span', { class: 'visually-hidden' }, `: ${hint}`),
    );
  });
  const announcement = h('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
  const element = h(
    'section',
    { class: 'legend', 'aria-labelledby': 'legend-title' },
    h('h2', { id: 'legend-title', class: 'visually-hidden' }, 'Legend of state statuses'),
    h('ul', {}, items),
    announcement,
  );
  let said = '';
  return {
    element,
    update(totals) {
      for (const [status, count] of counts) count.textContent = String(totals[status] ?? 0);
      const text = STATE_STATUSES.filter(({ status }) => totals[status] > 0)
        .map(({ status, label }) => `${label}: ${totals[status]}`)
        .join(', ');
      if (text !== said) {
        said = text;
        announcement.textContent = `States: ${text}.`;
      }
    },
  };
}
