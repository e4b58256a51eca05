/**
 * The statuses a state of an execution can have, as the graph, its legend and the timeline show
 * them, and the statuses of executions as the API names them. Pure.
 */

/**
 * @typedef {'not-started' | 'in-progress' | 'succeeded' | 'failed' | 'caught' | 'retried' | 'cancelled'} StateStatus
 *   `caught`: the state failed and a Catch took the execution on; `retried`: it ended well after a
 *   Retry ran it again; `cancelled`: it still ran when its branch, iteration or execution ended.
 */

/** Each state status, in the order the legend lists them, with what it says. */
export const STATE_STATUSES = [
  { status: 'not-started', label: 'Not started', hint: 'not entered yet' },
  { status: 'in-progress', label: 'In progress', hint: 'entered, not left yet' },
  { status: 'succeeded', label: 'Succeeded', hint: 'left with an output' },
  { status: 'failed', label: 'Failed', hint: 'failed, and nothing caught it' },
  { status: 'caught', label: 'Caught', hint: 'failed, and a Catch took over' },
  { status: 'retried', label: 'Retried', hint: 'succeeded after a Retry' },
  { status: 'cancelled', label: 'Cancelled', hint: 'stopped with its execution or branch' },
];

const LABELS = new Map(STATE_STATUSES.map((entry) => [entry.status, entry.label]));

/** A state status as words: `caught` → `Caught`. */
export function stateStatusLabel(status) {
  return LABELS.get(status) ?? status;
}

/**
 * Which status a state shows when it ran several times (a loop, Map iterations): the first of
 * these its entries have.
 */
export const STATUS_PRIORITY = [
  'in-progress',
  'failed',
  'caught',
  'retried',
  'succeeded',
  'cancelled',
  'not-started',
];

/** The executions' statuses, as ListExecutions' statusFilter takes them. */
export const EXECUTION_STATUSES = [
  'RUNNING',
  'SUCCEEDED',
  'FAILED',
  'TIMED_OUT',
  'ABORTED',
  'PENDING_REDRIVE',
];

/** An execution status as words: `TIMED_OUT` → `Timed out`. */
export function executionStatusLabel(status) {
  if (typeof status !== 'string' || status === '') return '';
  const words = status.toLowerCase().replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The state status whose colour and icon an execution status borrows. */
export function executionStatusLook(status) {
  switch (status) {
    case 'RUNNING':
    case 'PENDING_REDRIVE':
      return 'in-progress';
    case 'SUCCEEDED':
      return 'succeeded';
    case 'ABORTED':
      return 'cancelled';
    default:
      return 'failed';
  }
}

/** Executions that RedriveExecution takes. */
export function isRedrivable(execution) {
  return (
    ['FAILED', 'TIMED_OUT', 'ABORTED'].includes(execution?.status) &&
    execution.redriveStatus !== 'NOT_REDRIVABLE'
  );
}
