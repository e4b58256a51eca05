/**
 * Approving and rejecting a waiting task: dialogs that send SendTaskSuccess with an output (a JSON
 * editor that checks it) or SendTaskFailure with an error and a cause.
 */
import { call } from '../api.js';
import { openDialog } from '../dialog.js';
import { h } from '../dom.js';
import { jsonInput } from '../json-input.js';

/** Step Functions' limits of SendTaskFailure's fields. */
const MAX_ERROR = 256;
const MAX_CAUSE = 32768;

/**
 * Asks for the output and sends SendTaskSuccess.
 *
 * @param {object} task a task as ListWaitingTasks lists it
 * @param {HTMLElement} opener the button that opened it
 * @returns {Promise<boolean>} whether the task was approved
 */
export function approve(task, opener) {
  const output = jsonInput({ id: 'approve-output', label: 'Output (JSON)', value: '{}' });
  return openDialog({
    title: `Approve ${task.stateName}`,
    fields: [about(task, 'SendTaskSuccess: the state goes on with this output.'), output.element],
    submitLabel: 'Approve',
    opener,
    onSubmit: () =>
      call('SendTaskSuccess', {
        taskToken: task.taskToken,
        output: JSON.stringify(output.read()),
      }),
  });
}

/**
 * Asks for an error and a cause and sends SendTaskFailure.
 *
 * @param {object} task a task as ListWaitingTasks lists it
 * @param {HTMLElement} opener the button that opened it
 * @returns {Promise<boolean>} whether the task was rejected
 */
export function reject(task, opener) {
  const error = h('input', {
    id: 'reject-error',
    value: 'Rejected',
    maxlength: MAX_ERROR,
    autocomplete: 'off',
  });
  const cause = h('textarea', { id: 'reject-cause', rows: 4, maxlength: MAX_CAUSE });
  return openDialog({
    title: `Reject ${task.stateName}`,
    fields: [
      about(task, 'SendTaskFailure: the state fails with this error, which Retry and Catch see.'),
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'reject-error' }, 'Error'),
        error,
        h('label', { for: 'reject-cause' }, 'Cause'),
        cause,
      ),
    ],
    submitLabel: 'Reject',
    opener,
    onSubmit: () =>
      call('SendTaskFailure', {
        taskToken: task.taskToken,
        ...(error.value ? { error: error.value } : {}),
        ...(cause.value ? { cause: cause.value } : {}),
      }),
  });
}

function about(task, effect) {
  return h(
    'p',
    { class: 'dialog-about' },
    `Execution ${task.executionName}, state ${task.stateName}. ${effect}`,
  );
}
