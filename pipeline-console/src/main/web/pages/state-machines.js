/**
 * The state machines: name, type, and how many executions of each run and have failed (counted
 * with ListExecutions' status filter, a few machines at a time, filled in as they come).
 */
import { call, listAll } from '../api.js';
import { h } from '../dom.js';
import { formatDate, stateMachinePath, typeName } from '../format.js';

const COUNTED = ['RUNNING', 'FAILED'];
const COUNT_PAGE = 1000;
const CONCURRENT_COUNTS = 4;

/** @param {{main: HTMLElement, signal: AbortSignal}} context */
export async function stateMachinesPage({ main, signal }) {
  const status = h('p', { class: 'status', role: 'status' }, 'Loading state machines…');
  main.replaceChildren(h('h1', { id: 'page-title', tabindex: -1 }, 'State machines'), status);
  const { items: machines, more } = await listAll(
    'ListStateMachines',
    { maxResults: 100 },
    'stateMachines',
  );
  if (machines.length === 0) {
    status.textContent =
      'No state machines yet: create one with the Step Functions API, e.g. aws stepfunctions create-state-machine.';
    return;
  }
  status.textContent = more
    ? `The first ${machines.length} state machines.`
    : plural(machines.length);
  const cells = new Map();
  const rows = machines.map((machine) => {
    const counts = COUNTED.map((wanted) => {
      const cell = h('td', { class: 'count', 'data-status': wanted, 'aria-busy': 'true' }, '…');
      cells.set(`${machine.stateMachineArn} ${wanted}`, cell);
      return cell;
    });
    return h(
      'tr',
      { 'data-arn': machine.stateMachineArn },
      h(
        'th',
        { scope: 'row' },
        h('a', { href: stateMachinePath(machine.stateMachineArn) }, machine.name),
      ),
      h('td', {}, typeName(machine.type)),
      counts,
      h('td', {}, formatDate(machine.creationDate)),
    );
  });
  main.append(
    h(
      'table',
      { class: 'list' },
      h(
        'caption',
        { class: 'visually-hidden' },
        'State machines, with their running and failed executions',
      ),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['Name', 'Type', 'Running', 'Failed', 'Created'].map((title) =>
            h('th', { scope: 'col' }, title),
          ),
        ),
      ),
      h('tbody', {}, rows),
    ),
  );
  const work = machines.flatMap((machine) =>
    COUNTED.map((wanted) => [machine.stateMachineArn, wanted]),
  );
  await Promise.all(
    Array.from({ length: CONCURRENT_COUNTS }, async () => {
      while (work.length > 0 && !signal.aborted) {
        const [arn, wanted] = work.shift();
        const cell = cells.get(`${arn} ${wanted}`);
        cell.textContent = await count(arn, wanted).catch(() => '?');
        cell.removeAttribute('aria-busy');
      }
    }),
  );
}

async function count(stateMachineArn, statusFilter) {
  const answer = await call('ListExecutions', {
    stateMachineArn,
    statusFilter,
    maxResults: COUNT_PAGE,
  });
  const counted = answer.executions?.length ?? 0;
  return answer.nextToken ? `${counted}+` : String(counted);
}

function plural(count) {
  return count === 1 ? '1 state machine.' : `${count} state machines.`;
}
