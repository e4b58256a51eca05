/**
 * A modal dialog (the platform's `<dialog>` opened with showModal, so the rest of the page is
 * inert), as WAI-ARIA's dialog pattern asks: labelled by its heading, focus on its first field,
 * Tab and Shift+Tab kept inside it, Escape and Cancel close it, and focus goes back to what opened
 * it. Submitting runs an action; while it runs the buttons wait, and if it fails the dialog stays
 * open with the error said in an alert, so it can be corrected or cancelled.
 */
import { ApiError } from './api.js';
import { h } from './dom.js';

let dialogs = 0;

/**
 * Opens a dialog.
 *
 * @param {object} options
 * @param {string} options.title its heading
 * @param {Node[]} options.fields its content: labels and inputs
 * @param {string} options.submitLabel the text of the button that submits
 * @param {() => Promise<void>} options.onSubmit runs on submit; a rejection keeps the dialog open
 *   and is shown (an {@link ApiError} with its Step Functions error name)
 * @param {HTMLElement} [options.opener] gets focus back when the dialog closes
 * @returns {Promise<boolean>} once closed: whether it was submitted
 */
export function openDialog({ title, fields, submitLabel, onSubmit, opener }) {
  const id = `dialog-${++dialogs}`;
  const error = h('p', { class: 'error dialog-error', id: `${id}-error`, role: 'alert' });
  const submit = h('button', { type: 'submit' }, submitLabel);
  const cancel = h('button', { type: 'button' }, 'Cancel');
  const form = h(
    'form',
    { novalidate: true },
    h('h2', { id: `${id}-title` }, title),
    fields,
    error,
    h('div', { class: 'dialog-buttons' }, submit, cancel),
  );
  const dialog = h(
    'dialog',
    { class: 'dialog', 'aria-labelledby': `${id}-title`, 'aria-describedby': `${id}-error` },
    form,
  );
  return new Promise((resolve) => {
    let submitted = false;
    let busy = false;
    const close = () => dialog.close();
    // Escape while the action runs would leave its outcome unsaid: it waits until it is known.
    dialog.addEventListener('cancel', (event) => {
      if (busy) event.preventDefault();
    });
    dialog.addEventListener('close', () => {
      dialog.remove();
      if (opener?.isConnected) opener.focus();
      resolve(submitted);
    });
    dialog.addEventListener('keydown', (event) => {
      if (event.key === 'Tab') keepFocusInside(dialog, event);
    });
    cancel.addEventListener('click', close);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      error.textContent = '';
      busy = submit.disabled = cancel.disabled = true;
      form.setAttribute('aria-busy', 'true');
      try {
        await onSubmit();
        submitted = true;
        busy = false;
        close();
      } catch (failure) {
        error.textContent = describeFailure(failure);
        busy = submit.disabled = cancel.disabled = false;
        form.removeAttribute('aria-busy');
        (form.querySelector('[aria-invalid="true"]') ?? submit).focus();
      }
    });
    document.body.append(dialog);
    dialog.showModal();
    focusables(dialog)[0]?.focus();
  });
}

/** What went wrong, as a person reads it: the API's error name and message. */
export function describeFailure(failure) {
  if (failure instanceof ApiError) return `${failure.type}: ${failure.message}`;
  return failure?.message ?? String(failure);
}

function keepFocusInside(dialog, event) {
  const inside = focusables(dialog);
  if (inside.length === 0) return;
  const first = inside[0];
  const last = inside[inside.length - 1];
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}

function focusables(root) {
  return [
    ...root.querySelectorAll('input, textarea, select, button, a[href], [tabindex="0"]'),
  ].filter((element) => !element.disabled && element.offsetParent !== null);
}
