/**
 * The tasks waiting for a callback (`.waitForTaskToken`, e.g. an approval): a table refreshed every
 * few seconds, each task with its execution, state, resource, how long it has waited, its limits and
 * parameters, and Approve and Reject. Rows are kept by token: a refresh adds and removes rows but
 * never rebuilds the others, so focus and open details stay where they are.
 */
import { ApiError, listAll } from '../api.js';
import { describeFailure } from '../dialog.js';
import { h } from '../dom.js';
import { formatSpan } from '../figures.js';
import { formatDate, stateMachinePath } from '../format.js';
import { jsonView } from '../json-view.js';
import { refreshEvery } from '../refresh.js';
import { approve, reject } from './task-decisions.js';

const REFRESH_MS = 5000;
const PAGE = 100;
const MAX_PAGES = 10;
const COLUMNS = ['Execution', 'State machine', 'State', 'Resource', 'Waiting', 'Limits', 'Details'];

/** The execution page's address (the executions pages show it). */
export function executionPath(arn) {
  return `/console/executions/${encodeURIComponent(arn)}`;
}

/** @param {{main: HTMLElement, signal: AbortSignal}} context */
export function waitingTasksPage({ main, signal }) {
  const summary = h('p', { class: 'status', id: 'tasks-summary' }, 'Loading waiting tasks…');
  const outcome = h('p', { class: 'outcome', id: 'task-outcome', role: 'status' });
  const failure = h('div', { class: 'error', id: 'tasks-error', role: 'alert', hidden: true });
  const body = h('tbody');
  const table = h(
    'table',
    { class: 'list tasks', hidden: true },
    h('caption', {}, 'Tasks waiting for a callback, longest waiting first'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        COLUMNS.map((title) => h('th', { scope: 'col' }, title)),
        h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')),
      ),
    ),
    body,
  );
  main.replaceChildren(
    h('h1', { id: 'page-title', tabindex: -1 }, 'Waiting tasks'),
    h(
      'p',
      { class: 'intro' },
      'Tasks of running executions that wait for a callback (.waitForTaskToken). Approve sends' +
        ' SendTaskSuccess with an output, Reject sends SendTaskFailure with an error and a cause.',
    ),
    summary,
    outcome,
    failure,
    h('div', { class: 'table-scroll' }, table),
  );
  const rows = new Map();
  // A listing read before a decision was applied may still hold its task: it stays gone.
  const decided = new Set();

  const decide = async (task, decision, button) => {
    const done = await (decision === 'approve' ? approve : reject)(task, button);
    if (!done) return;
    decided.add(task.taskToken);
    const row = rows.get(task.taskToken);
    const next = row?.nextElementSibling ?? row?.previousElementSibling;
    row?.remove();
    rows.delete(task.taskToken);
    table.hidden = rows.size === 0;
    outcome.textContent = `${decision === 'approve' ? 'Approved' : 'Rejected'} ${task.stateName} of execution ${task.executionName}.`;
    (next?.querySelector('button') ?? main.querySelector('#page-title')).focus();
  };

  const show = (all, more) => {
    const tasks = all.filter((task) => !decided.has(task.taskToken));
    const now = Date.now() / 1000;
    const listed = new Set(tasks.map((task) => task.taskToken));
    for (const [token, row] of rows) {
      if (!listed.has(token)) {
        row.remove();
        rows.delete(token);
      }
    }
    let previous = null;
    for (const task of tasks) {
      let row = rows.get(task.taskToken);
      if (!row) {
        row = taskRow(task, decide);
        rows.set(task.taskToken, row);
        if (previous) previous.after(row);
        else body.prepend(row);
      }
      row.querySelector('.waited').textContent = `for ${formatSpan(now - task.waitingSince)}`;
      previous = row;
    }
    table.hidden = tasks.length === 0;
    const counted = tasks.length === 1 ? '1 task waits' : `${tasks.length} tasks wait`;
    summary.textContent =
      tasks.length === 0
        ? `No task waits for a callback. Updated ${new Date().toLocaleTimeString()}.`
        : `${more ? `The first ${counted}` : counted} for a callback. Updated ${new Date().toLocaleTimeString()}.`;
  };

  const load = async () => {
    try {
      const { items, more } = await listAll(
        'ListWaitingTasks',
        { maxResults: PAGE },
        'tasks',
        MAX_PAGES,
      );
      if (signal.aborted) return;
      failure.hidden = true;
      show(items, more);
    } catch (error) {
      if (signal.aborted || (error instanceof ApiError && error.status === 401)) return;
      const text = `The waiting tasks could not be read (${describeFailure(error)}); trying again every ${REFRESH_MS / 1000} s.`;
      failure.hidden = false;
      if (failure.textContent !== text) failure.textContent = text;
    }
  };
  return refreshEvery(signal, () => REFRESH_MS, load);
}

function taskRow(task, decide) {
  const label = `${task.stateName} of execution ${task.executionName}`;
  const button = (text, decision) => {
    const element = h(
      'button',
      {
        type: 'button',
        class: decision,
        'aria-label': `${text} ${label}`,
        onclick: () => decide(task, decision, element),
      },
      text,
    );
    return element;
  };
  return h(
    'tr',
    { 'data-execution-arn': task.executionArn, 'data-state': task.stateName },
    h(
      'th',
      { scope: 'row' },
      h('a', { href: executionPath(task.executionArn) }, task.executionName),
    ),
    h(
      'td',
      {},
      h(
        'a',
        { href: stateMachinePath(task.stateMachineArn) },
        task.stateMachineArn.split(':').at(-1),
      ),
    ),
    h('td', {}, task.stateName),
    h(
      'td',
      {},
      h('code', { title: task.resource }, task.resource.replace('arn:aws:states:::', '')),
    ),
    h(
      'td',
      {},
      h(
        'time',
        { datetime: new Date(task.waitingSince * 1000).toISOString() },
        formatDate(task.waitingSince),
      ),
      h('br'),
      h('span', { class: 'waited' }),
    ),
    h('td', {}, limits(task)),
    h(
      'td',
      {},
      h(
        'details',
        {},
        h('summary', {}, 'Parameters and token'),
        jsonView(task.parameters, `Parameters of ${label}`),
        h('p', { class: 'token-label' }, 'Task token'),
        h('code', { class: 'task-token' }, task.taskToken),
      ),
    ),
    h('td', { class: 'actions' }, button('Approve', 'approve'), ' ', button('Reject', 'reject')),
  );
}

function limits(task) {
  const parts = [];
  if (task.timeoutDate !== undefined) parts.push(`Times out ${formatDate(task.timeoutDate)}`);
  if (task.heartbeatSeconds !== undefined)
    parts.push(`Heartbeat every ${formatSpan(task.heartbeatSeconds)}`);
  return parts.length === 0 ? 'None' : parts.flatMap((part, i) => (i ? [h('br'), part] : [part]));
}
