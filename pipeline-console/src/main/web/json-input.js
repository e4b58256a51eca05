/**
 * A JSON editor: a labelled text area that says, as one types, whether its text is JSON, and
 * why not. The check is {@link parseJson}, a pure function.
 */
import { h } from './dom.js';

/**
 * Reads JSON text.
 *
 * @param {string} text
 * @returns {{ok: true, value: unknown} | {ok: false, message: string}}
 */
export function parseJson(text) {
  if (text.trim() === '') return { ok: false, message: 'Enter a JSON value, e.g. {}.' };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: `Not JSON: ${error.message}` };
  }
}

/**
 * A JSON text area with its label and its message.
 *
 * @param {{id: string, label: string, value?: string, rows?: number}} options
 * @returns {{element: HTMLElement, input: HTMLTextAreaElement, read: () => unknown}} `read`
 *   returns the value, or marks the field invalid, says why and throws
 */
export function jsonInput({ id, label, value = '{}', rows = 8 }) {
  const message = h('p', { class: 'field-message', id: `${id}-message`, 'aria-live': 'polite' });
  const input = h(
    'textarea',
    {
      id,
      class: 'json-input',
      rows,
      spellcheck: 'false',
      autocapitalize: 'off',
      'aria-describedby': `${id}-message`,
    },
    value,
  );
  const check = () => {
    const parsed = parseJson(input.value);
    input.setAttribute('aria-invalid', String(!parsed.ok));
    message.textContent = parsed.ok ? 'Valid JSON.' : parsed.message;
    message.classList.toggle('error', !parsed.ok);
    return parsed;
  };
  input.addEventListener('input', check);
  check();
  const read = () => {
    const parsed = check();
    if (!parsed.ok) {
      input.focus();
      throw new Error(parsed.message);
    }
    return parsed.value;
  };
  return {
    element: h('div', { class: 'field' }, h('label', { for: id }, label), input, message),
    input,
    read,
  };
}
