/**
 * The event history as a table, a page of {@link PAGE_SIZE} events at a time so that 25,000 events
 * cost no more than 100: id, type, state, time since the start, time of day. Each row's button
 * (Tab to it, Enter or Space) opens the event's details below it: inputs, outputs and parameters
 * in the JSON viewer, errors and causes, the other fields. New events extend the last page while
 * it is shown.
 */
import { h } from '../dom.js';
import { formatDuration, formatTime } from '../format.js';
import { dataView } from './state-details.js';
import { detailsOf } from './states.js';

export const PAGE_SIZE = 100;

const DATA_FIELDS = ['input', 'parameters', 'output'];
const FAILURE = /(Failed|TimedOut|Aborted)$/;

/**
 * @param {{events: object[], tracker: ReturnType<import('./states.js').createTracker>}} options
 *   `events`: the history read so far, which the page extends
 * @returns {{element: HTMLElement, update: () => void, showPage: (page: number) => void}}
 */
export function historyTable({ events, tracker }) {
  const open = new Set();
  let page = 0;
  const body = h('tbody');
  const where = h('span', { 'aria-live': 'polite' });
  const button = (label, text, go) =>
    h(
      'button',
      { type: 'button', class: 'tool', 'aria-label': label, onclick: () => showPage(go()) },
      text,
    );
  const pages = () => Math.max(1, Math.ceil(events.length / PAGE_SIZE));
  const first = button('First page', '«', () => 0);
  const previous = button('Previous page', '‹', () => page - 1);
  const next = button('Next page', '›', () => page + 1);
  const last = button('Last page', '»', () => pages() - 1);
  const showPage = (wanted) => {
    const started = performance.now();
    page = Math.min(pages() - 1, Math.max(0, wanted));
    render();
    performance.measure('console:history-page', { start: started });
  };
  const render = () => {
    const from = page * PAGE_SIZE;
    const startedAt = events[0]?.timestamp ?? 0;
    // Focus inside the table stays on its event's button when the rows are drawn again.
    const focused = body.contains(document.activeElement)
      ? /^event-\d+/.exec(document.activeElement.closest('tr')?.id ?? '')?.[0]
      : undefined;
    body.replaceChildren(
      ...events.slice(from, from + PAGE_SIZE).flatMap((event) => rows(event, startedAt)),
    );
    if (focused) body.querySelector(`#${focused} button.expand`)?.focus();
    counts();
  };
  const counts = () => {
    const from = page * PAGE_SIZE;
    const to = Math.min(events.length, from + PAGE_SIZE);
    where.textContent =
      events.length === 0
        ? 'No events yet.'
        : `Page ${page + 1} of ${pages()}: events ${from + 1}–${to} of ${events.length}`;
    first.disabled = previous.disabled = page === 0;
    next.disabled = last.disabled = page >= pages() - 1;
  };
  const rows = (event, startedAt) => {
    const id = `event-${event.id}`;
    const expanded = open.has(event.id);
    const toggle = h(
      'button',
      {
        type: 'button',
        class: 'expand',
        'aria-expanded': String(expanded),
        'aria-controls': `${id}-details`,
        'aria-label': `Event ${event.id}, ${event.type}: ${expanded ? 'hide' : 'show'} details`,
        onclick: () => {
          if (open.has(event.id)) open.delete(event.id);
          else open.add(event.id);
          render();
        },
      },
      h('span', { class: 'chevron', 'aria-hidden': 'true' }, expanded ? '▾' : '▸'),
      String(event.id),
    );
    const details = detailsOf(event);
    const state = tracker.entryOfEvent(event.id)?.name ?? details.name ?? '';
    const row = h(
      'tr',
      { id, class: FAILURE.test(event.type) ? 'failure' : '', 'data-event-id': event.id },
      h('td', {}, toggle),
      h('td', {}, event.type),
      h('td', {}, state),
      h('td', { class: 'number' }, formatDuration(event.timestamp - startedAt)),
      h('td', { class: 'number' }, formatTime(event.timestamp)),
    );
    if (!expanded) return [row];
    return [
      row,
      h(
        'tr',
        { id: `${id}-details`, class: 'event-details' },
        h('td', { colspan: 5 }, eventDetails(event, details)),
      ),
    ];
  };
  const element = h(
    'section',
    { class: 'history', 'aria-labelledby': 'history-title' },
    h('h2', { id: 'history-title' }, 'Event history'),
    h('nav', { class: 'pager', 'aria-label': 'History pages' }, first, previous, where, next, last),
    h(
      'table',
      { class: 'list history-table' },
      h('caption', { class: 'visually-hidden' }, 'Events of the execution, oldest first'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['ID', 'Type', 'State', 'Since start', 'Time'].map((title) =>
            h('th', { scope: 'col' }, title),
          ),
        ),
      ),
      body,
    ),
  );
  render();
  return {
    element,
    showPage,
    /** Shows new events: on the page shown while it has room, else in the counts. */
    update() {
      if (body.querySelectorAll('tr[data-event-id]').length < PAGE_SIZE) render();
      else counts();
    },
  };
}

function eventDetails(event, details) {
  const other = Object.entries(details).filter(
    ([field, value]) =>
      !DATA_FIELDS.includes(field) && !field.endsWith('Details') && typeof value !== 'object',
  );
  return h(
    'div',
    { class: 'event-body' },
    other.length > 0
      ? h(
          'dl',
          { class: 'facts compact' },
          other.map(([field, value]) =>
            h('div', {}, h('dt', {}, field), h('dd', {}, String(value))),
          ),
        )
      : null,
    DATA_FIELDS.filter((field) => typeof details[field] === 'string').map((field) => [
      h('h3', {}, field.charAt(0).toUpperCase() + field.slice(1)),
      dataView(details[field], `${field} of event ${event.id}`),
    ]),
  );
}
