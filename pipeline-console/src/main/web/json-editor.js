/**
 * A JSON input editor: a text area checked as you type (json-check.js), which says where the text
 * is wrong by line and column and can put the caret there, and formats valid JSON.
 */
import { h } from './dom.js';
import { checkJson } from './json-check.js';

/** The most an execution's input may hold, as AWS counts it: 256 KiB of UTF-8. */
export const MAX_INPUT_BYTES = 256 * 1024;

/**
 * @param {{id: string, label: string, value: string, onChange?: (valid: boolean) => void}} options
 * @returns {{element: HTMLElement, text: () => string, valid: () => boolean}}
 */
export function jsonEditor({ id, label, value, onChange = () => {} }) {
  const textarea = h('textarea', {
    id,
    class: 'json-input',
    rows: 12,
    spellcheck: 'false',
    autocapitalize: 'off',
    autocomplete: 'off',
    'aria-describedby': `${id}-check`,
  });
  textarea.value = value;
  const message = h('span', { id: `${id}-check`, 'aria-live': 'polite' });
  let problem = null;
  const goTo = h(
    'button',
    {
      type: 'button',
      class: 'link',
      hidden: true,
      onclick: () => {
        textarea.focus();
        textarea.setSelectionRange(
          problem.offset,
          Math.min(problem.offset + 1, textarea.value.length),
        );
      },
    },
    'Go to the problem',
  );
  const format = h(
    'button',
    {
      type: 'button',
      class: 'tool',
      onclick: () => {
        const checked = checkJson(textarea.value);
        if (checked.valid) {
          textarea.value = JSON.stringify(checked.value, null, 2);
          check();
        }
      },
    },
    'Format',
  );
  const status = h('p', { class: 'json-check' }, message, ' ', goTo);
  const check = () => {
    const checked = checkJson(textarea.value);
    const bytes = new TextEncoder().encode(textarea.value).length;
    problem = checked.valid ? null : checked;
    if (!checked.valid) {
      message.textContent = `Not valid JSON: line ${checked.line}, column ${checked.column}: ${checked.message}.`;
    } else if (bytes > MAX_INPUT_BYTES) {
      message.textContent = `Too large: ${bytes} bytes, at most ${MAX_INPUT_BYTES}.`;
    } else {
      message.textContent = 'Valid JSON.';
    }
    const valid = checked.valid && bytes <= MAX_INPUT_BYTES;
    status.classList.toggle('invalid', !valid);
    textarea.setAttribute('aria-invalid', String(!valid));
    goTo.hidden = checked.valid;
    format.disabled = !checked.valid;
    onChange(valid);
    return valid;
  };
  textarea.addEventListener('input', check);
  const element = h(
    'div',
    { class: 'field json-editor' },
    h('div', { class: 'json-editor-head' }, h('label', { for: id }, label), format),
    textarea,
    status,
  );
  check();
  return { element, text: () => textarea.value, valid: () => problem === null && check() };
}
