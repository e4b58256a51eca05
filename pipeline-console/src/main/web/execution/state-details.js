/**
 * What the graph's panel shows of a state in an execution, above its definition: its status, and
 * for one of its visits (the latest, or the first that failed; the others a step away) when it
 * was entered and left, its failures, its input and its output.
 */
import { h } from '../dom.js';
import { formatDuration, formatTime } from '../format.js';
import { jsonView } from '../json-view.js';
import { statusIcon } from './icons.js';
import { summaryOf } from './paint.js';
import { stateStatusLabel } from './status.js';

/**
 * @param {ReturnType<import('./states.js').createTracker>} tracker
 * @returns {(node: import('../graph/model.js').GraphNode) => Node[]}
 */
export function stateDetails(tracker) {
  return (node) => {
    const entries = tracker.entriesOf(node.id);
    const state = tracker.nodeStates().get(node.id);
    const status = state?.status ?? 'not-started';
    const line = h(
      'p',
      { class: `state-status status-${status}`, 'data-status': status },
      statusIcon(status),
      `${stateStatusLabel(status)}${summaryOf(state)}`,
    );
    if (entries.length === 0) return [line];
    const shown = h('div', { class: 'state-visit' });
    let index = entries.findIndex((entry) => entry.status === 'failed');
    if (index < 0) index = entries.length - 1;
    const picker = entries.length > 1 ? visitPicker(entries.length, (i) => show(i)) : null;
    const show = (i) => {
      index = i;
      picker?.set(i);
      shown.replaceChildren(...visit(entries[i], tracker).filter(Boolean));
    };
    show(index);
    return [line, picker?.element, shown].filter(Boolean);
  };
}

/** Previous and next buttons and a number field choosing one visit of many. */
function visitPicker(count, onPick) {
  let current = 0;
  const input = h('input', {
    type: 'number',
    id: 'state-visit',
    min: 1,
    max: count,
    class: 'visit-number',
  });
  const previous = h(
    'button',
    { type: 'button', class: 'tool', 'aria-label': 'Previous visit' },
    '‹',
  );
  const next = h('button', { type: 'button', class: 'tool', 'aria-label': 'Next visit' }, '›');
  const pick = (i) => onPick(Math.min(count - 1, Math.max(0, i)));
  previous.addEventListener('click', () => pick(current - 1));
  next.addEventListener('click', () => pick(current + 1));
  input.addEventListener('change', () => {
    const wanted = Number(input.value);
    if (Number.isInteger(wanted)) pick(wanted - 1);
  });
  return {
    element: h(
      'div',
      { class: 'visit-picker' },
      h('label', { for: 'state-visit' }, 'Visit'),
      previous,
      input,
      next,
      h('span', {}, `of ${count}`),
    ),
    set(i) {
      current = i;
      input.value = String(i + 1);
      previous.disabled = i === 0;
      next.disabled = i === count - 1;
    },
  };
}

function visit(entry, tracker) {
  const within = entry.parent === null ? null : tracker.entry(entry.parent);
  const facts = [
    ['Status', stateStatusLabel(entry.status)],
    ['Entered', formatTime(entry.enteredAt)],
    ['Left', entry.closedAt === null ? 'not yet' : formatTime(entry.closedAt)],
    ['Took', entry.closedAt === null ? '' : formatDuration(entry.closedAt - entry.enteredAt)],
    [
      entry.iteration === null ? null : within?.type === 'Map' ? 'Map item' : 'Branch',
      within?.type === 'Map' ? `#${entry.iteration} of ${within.name}` : entry.iteration + 1,
    ],
    [entry.attempts > 1 ? 'Attempts' : null, entry.attempts],
  ].filter(([term, value]) => term !== null && value !== '');
  const failures = entry.failures.map((failure) =>
    h(
      'li',
      {},
      h('strong', {}, failure.error ?? failure.type),
      failure.cause ? `: ${failure.cause}` : '',
      h('span', { class: 'muted' }, ` (${failure.type}, attempt ${failure.attempt})`),
    ),
  );
  return [
    h(
      'dl',
      { class: 'facts compact' },
      facts.map(([term, value]) => h('div', {}, h('dt', {}, term), h('dd', {}, String(value)))),
    ),
    failures.length > 0 ? h('h3', {}, 'Errors') : null,
    failures.length > 0 ? h('ul', { class: 'failures' }, failures) : null,
    h('h3', {}, 'Input'),
    dataView(entry.input, `Input of ${entry.name}`),
    h('h3', {}, 'Output'),
    entry.output === undefined
      ? h('p', { class: 'muted' }, entry.closedAt === null ? 'Not left yet.' : 'No output.')
      : dataView(entry.output, `Output of ${entry.name}`),
  ];
}

/** An event's JSON text, shown formatted; text that is not JSON as it is. */
export function dataView(text, label) {
  if (text === undefined) return h('p', { class: 'muted' }, 'Not recorded.');
  try {
    return jsonView(JSON.parse(text), label);
  } catch {
    return h('pre', { class: 'json', tabindex: 0, role: 'region', 'aria-label': label }, text);
  }
}
