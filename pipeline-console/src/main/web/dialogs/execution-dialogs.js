/**
 * The dialogs that act on executions: start one (a state machine, an optional name, an input in
 * the JSON editor, Start disabled while the input is not valid), stop one (an optional error and
 * cause), redrive one.
 */
import { call } from '../api.js';
import { h } from '../dom.js';
import { jsonEditor } from '../json-editor.js';
import { field, openDialog } from './dialog.js';

/**
 * @param {{
 *   machines: {stateMachineArn: string, name: string}[],
 *   input?: string,
 *   onStarted: (executionArn: string) => void,
 * }} options with one machine it is started; with several, the dialog asks which
 */
export function startExecutionDialog({ machines, input = '{}', onStarted }) {
  const machine =
    machines.length === 1
      ? null
      : h(
          'select',
          { required: true },
          machines.map((m) => h('option', { value: m.stateMachineArn }, m.name)),
        );
  const name = h('input', { maxlength: 80, autocomplete: 'off', spellcheck: 'false' });
  let opened = null;
  const editor = jsonEditor({
    id: 'execution-input',
    label: 'Input (JSON)',
    value: input,
    onChange: (valid) => {
      if (opened) opened.submit.disabled = !valid;
    },
  });
  const title =
    machines.length === 1 ? `Start an execution of ${machines[0].name}` : 'Start an execution';
  opened = openDialog({
    title,
    action: 'Start',
    fields: [
      machine ? field('execution-machine', 'State machine', machine) : null,
      field(
        'execution-name',
        'Name (optional)',
        name,
        'Up to 80 characters, no spaces; left empty, the orchestrator makes one up.',
      ),
      editor.element,
    ],
    onSubmit: async () => {
      if (!editor.valid()) throw new Error('the input is not valid JSON');
      const answer = await call('StartExecution', {
        stateMachineArn: machine ? machine.value : machines[0].stateMachineArn,
        input: editor.text(),
        ...(name.value.trim() ? { name: name.value.trim() } : {}),
      });
      onStarted(answer.executionArn);
    },
  });
  opened.submit.disabled = !editor.valid();
  return opened;
}

/**
 * @param {{executionArn: string, onStopped: () => void}} options
 */
export function stopExecutionDialog({ executionArn, onStopped }) {
  const error = h('input', { maxlength: 256, autocomplete: 'off' });
  const cause = h('textarea', { rows: 3, maxlength: 32768 });
  return openDialog({
    title: 'Stop the execution',
    action: 'Stop',
    danger: true,
    fields: [
      h('p', {}, 'The execution ends ABORTED; the tasks it waits for are cancelled.'),
      field('stop-error', 'Error (optional)', error, 'An error code, e.g. Operator.Stopped.'),
      field('stop-cause', 'Cause (optional)', cause),
    ],
    onSubmit: async () => {
      await call('StopExecution', {
        executionArn,
        ...(error.value.trim() ? { error: error.value.trim() } : {}),
        ...(cause.value.trim() ? { cause: cause.value.trim() } : {}),
      });
      onStopped();
    },
  });
}

/**
 * @param {{executionArn: string, onRedriven: () => void}} options
 */
export function redriveExecutionDialog({ executionArn, onRedriven }) {
  return openDialog({
    title: 'Redrive the execution',
    action: 'Redrive',
    fields: [
      h(
        'p',
        {},
        'The execution runs again from the states that did not succeed, with the same input; ' +
          'what succeeded is kept.',
      ),
    ],
    onSubmit: async () => {
      await call('RedriveExecution', { executionArn });
      onRedriven();
    },
  });
}
