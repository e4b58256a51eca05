/**
 * A modal dialog with a form, on the platform's `<dialog>` (it keeps focus inside and closes on
 * Escape): a title, fields, an alert for what the orchestrator refused, the action's button and
 * Cancel. Focus goes back where it was when it closes.
 */
import { ApiError } from '../api.js';
import { h } from '../dom.js';

let dialogs = 0;

/**
 * @param {{
 *   title: string,
 *   fields: Node[],
 *   action: string,
 *   onSubmit: () => Promise<void>,
 *   danger?: boolean,
 * }} options `onSubmit` runs the action; what it throws is shown, and the dialog stays open
 * @returns {{dialog: HTMLDialogElement, submit: HTMLButtonElement, close: () => void}}
 */
export function openDialog({ title, fields, action, onSubmit, danger = false }) {
  const id = `dialog-${++dialogs}`;
  const opener = document.activeElement;
  const error = h('p', { class: 'error', role: 'alert', id: `${id}-error` });
  const submit = h('button', { type: 'submit', class: danger ? 'danger' : '' }, action);
  const cancel = h('button', { type: 'button', onclick: () => close() }, 'Cancel');
  const form = h(
    'form',
    { class: 'dialog-form', novalidate: true },
    h('h2', { id: `${id}-title` }, title),
    fields,
    error,
    h('div', { class: 'dialog-buttons' }, cancel, submit),
  );
  const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': `${id}-title` }, form);
  const close = () => {
    if (dialog.open) dialog.close();
  };
  dialog.addEventListener('close', () => {
    dialog.remove();
    if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (submit.disabled) return;
    submit.disabled = true;
    error.textContent = '';
    try {
      await onSubmit();
      close();
    } catch (failure) {
      error.textContent =
        failure instanceof ApiError
          ? `${failure.type}: ${failure.message}`
          : `The orchestrator did not answer: ${failure.message}`;
      submit.disabled = false;
    }
  });
  document.body.append(dialog);
  dialog.showModal();
  return { dialog, submit, close };
}

/** A labelled field: the label, the control, and a hint the control is described by. */
export function field(id, label, control, hint) {
  control.id = id;
  if (hint) control.setAttribute('aria-describedby', `${id}-hint`);
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    control,
    hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null,
  );
}
