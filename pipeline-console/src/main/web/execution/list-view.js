/**
 * A list of executions: filters (status, a part of the name, started after and before), a table
 * with a row per execution linking to its page, and "Show more" for the next ones. The filters
 * live in the address, so a filtered list can be reloaded and shared.
 */
import { call } from '../api.js';
import { h } from '../dom.js';
import { executionPath, formatDate, formatDuration, stateMachinePath } from '../format.js';
import { executionBadge } from './icons.js';
import { executionPager, filterOf } from './listing.js';
import { EXECUTION_STATUSES, executionStatusLabel } from './status.js';

const PAGE = 50;

/**
 * @param {{
 *   machines: {stateMachineArn: string, name: string}[],
 *   query: URLSearchParams,
 *   caption: string,
 *   showMachine: boolean,
 *   applyFilters: (query: URLSearchParams) => void,
 *   onStart: () => void,
 *   signal: AbortSignal,
 * }} options `applyFilters` goes to the address with these filters
 * @returns {{element: HTMLElement, load: () => Promise<void>}}
 */
export function executionsList(options) {
  const { machines, query, caption, showMachine, signal } = options;
  const filter = filterOf(query);
  const pager = executionPager({
    machines: machines.map((m) => m.stateMachineArn),
    filter,
    pages: (stateMachineArn, nextToken) =>
      call('ListExecutions', {
        stateMachineArn,
        maxResults: 100,
        ...(filter.status ? { statusFilter: filter.status } : {}),
        ...(nextToken ? { nextToken } : {}),
      }),
  });
  const names = new Map(machines.map((m) => [m.stateMachineArn, m.name]));
  const body = h('tbody');
  const counted = h('span');
  const status = h('p', { class: 'status', role: 'status' }, 'Loading executions…');
  const more = h('button', { type: 'button', hidden: true }, 'Show more');
  let shown = 0;
  const load = async () => {
    more.disabled = true;
    status.textContent = 'Loading executions…';
    const page = await pager.next(PAGE);
    if (signal.aborted) return;
    body.append(...page.executions.map((execution) => row(execution, names, showMachine)));
    shown += page.executions.length;
    counted.textContent = `${shown} shown`;
    more.hidden = !page.more;
    more.disabled = false;
    status.textContent =
      shown === 0 && !page.more
        ? 'No execution matches.'
        : `${shown} ${shown === 1 ? 'execution' : 'executions'} shown${page.more ? '; more are left: Show more lists them.' : '.'}`;
  };
  more.addEventListener('click', () => load());
  const headers = [
    'Name',
    showMachine ? 'State machine' : null,
    'Status',
    'Started',
    'Stopped',
    'Duration',
  ];
  const element = h(
    'section',
    { class: 'executions', 'aria-label': caption },
    h(
      'div',
      { class: 'list-toolbar' },
      filters(query, options.applyFilters),
      h(
        'button',
        { type: 'button', class: 'primary', onclick: options.onStart },
        'Start execution',
      ),
    ),
    h(
      'table',
      { class: 'list executions-table' },
      h('caption', {}, `${caption}, newest first: `, counted),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          headers.filter(Boolean).map((title) => h('th', { scope: 'col' }, title)),
        ),
      ),
      body,
    ),
    status,
    more,
  );
  return { element, load };
}

function row(execution, names, showMachine) {
  const stopped = execution.stopDate;
  return h(
    'tr',
    { 'data-execution-arn': execution.executionArn },
    h(
      'th',
      { scope: 'row' },
      h('a', { href: executionPath(execution.executionArn) }, execution.name),
    ),
    showMachine
      ? h(
          'td',
          {},
          h(
            'a',
            { href: stateMachinePath(execution.stateMachineArn) },
            names.get(execution.stateMachineArn) ?? execution.stateMachineArn.split(':').at(-1),
          ),
        )
      : null,
    h('td', {}, executionBadge(execution.status)),
    h('td', {}, formatDate(execution.startDate)),
    h('td', {}, stopped ? formatDate(stopped) : '—'),
    h('td', {}, stopped ? formatDuration(stopped - execution.startDate) : 'running'),
  );
}

/** The filter form; submitting it changes the address's query. */
function filters(query, applyFilters) {
  const status = h(
    'select',
    { id: 'filter-status', name: 'status' },
    h('option', { value: '' }, 'Any'),
    EXECUTION_STATUSES.map((s) =>
      h('option', { value: s, selected: query.get('status') === s }, executionStatusLabel(s)),
    ),
  );
  const input = (id, name, type, label) => {
    const control = h('input', { id, name, type, value: query.get(name) ?? '' });
    return h('div', { class: 'field' }, h('label', { for: id }, label), control);
  };
  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Filter executions' },
    h('div', { class: 'field' }, h('label', { for: 'filter-status' }, 'Status'), status),
    input('filter-name', 'name', 'search', 'Name contains'),
    input('filter-after', 'after', 'datetime-local', 'Started after'),
    input('filter-before', 'before', 'datetime-local', 'Started before'),
    h('button', { type: 'submit' }, 'Filter'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = new URLSearchParams(query);
    for (const [name, value] of new FormData(form)) {
      if (value) next.set(name, String(value));
      else next.delete(name);
    }
    applyFilters(next);
  });
  return form;
}
