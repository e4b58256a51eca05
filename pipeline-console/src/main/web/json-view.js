/** JSON shown formatted, two spaces deep, with its keys, strings, numbers and literals coloured. */
import { h } from './dom.js';

const TOKEN =
  /("(?:\\u[0-9a-fA-F]{4}|\\[^u]|[^\\"])*")(\s*:)?|\b(true|false|null)\b|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g;

/**
 * A scrollable, focusable block of formatted JSON.
 *
 * @param {unknown} value
 * @param {string} label what the block shows, for assistive technology
 */
export function jsonView(value, label) {
  const text = JSON.stringify(value, null, 2) ?? 'undefined';
  const parts = [];
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    parts.push(text.slice(last, match.index));
    const [token, string, colon, literal] = match;
    if (string !== undefined && colon !== undefined) {
      parts.push(h('span', { class: 'json-key' }, string), colon);
    } else {
      const kind = string !== undefined ? 'string' : literal !== undefined ? 'literal' : 'number';
      parts.push(h('span', { class: `json-${kind}` }, token));
    }
    last = match.index + token.length;
  }
  parts.push(text.slice(last));
  return h(
    'pre',
    { class: 'json', tabindex: 0, role: 'region', 'aria-label': label },
    h('code', {}, parts),
  );
}
