/**
 * Checks JSON text (RFC 8259) and says where it is wrong, by line and column, in the same words
 * in every browser (their own JSON.parse messages differ). Pure.
 */

/**
 * @typedef {{valid: true, value: unknown}
 *   | {valid: false, message: string, offset: number, line: number, column: number}} JsonCheck
 *   `offset` counts characters from 0; `line` and `column` from 1.
 */

class JsonProblem extends Error {
  constructor(message, offset) {
    super(message);
    this.offset = offset;
  }
}

const ESCAPES = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
/** Deeper nesting is refused rather than overflowing the stack. */
const MAX_DEPTH = 1000;

/**
 * @param {string} text
 * @returns {JsonCheck}
 */
export function checkJson(text) {
  let at = 0;
  let depth = 0;
  const describe = (position) =>
    position >= text.length ? 'the end of the text' : `'${text[position]}'`;
  const fail = (expected, position = at) => {
    throw new JsonProblem(`expected ${expected}, found ${describe(position)}`, position);
  };
  const space = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at])) at++;
  };
  const literal = (word, value) => {
    if (text.startsWith(word, at)) {
      at += word.length;
      return value;
    }
    return fail('a value (an object, array, string, number, true, false or null)');
  };
  const string = () => {
    let result = '';
    at++;
    for (;;) {
      if (at >= text.length) fail('a closing quote "');
      const c = text[at];
      if (c === '"') {
        at++;
        return result;
      }
      if (c < ' ') fail('an escaped control character (\\n, \\t...) inside the string');
      if (c === '\\') {
        const next = text[at + 1];
        if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(at + 2, at + 6))) {
          result += String.fromCharCode(parseInt(text.slice(at + 2, at + 6), 16));
          at += 6;
        } else if (next !== undefined && next !== 'u' && next in ESCAPES) {
          result += ESCAPES[next];
          at += 2;
        } else {
          fail('an escape (\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\u and 4 hex digits)', at + 1);
        }
      } else {
        result += c;
        at++;
      }
    }
  };
  const number = () => {
    NUMBER.lastIndex = at;
    const match = NUMBER.exec(text);
    if (!match) fail('a value (an object, array, string, number, true, false or null)');
    at += match[0].length;
    return Number(match[0]);
  };
  const array = () => {
    const result = [];
    at++;
    space();
    if (text[at] === ']') {
      at++;
      return result;
    }
    for (;;) {
      result.push(value());
      space();
      if (text[at] === ']') {
        at++;
        return result;
      }
      if (text[at] !== ',') fail("',' or ']' after an array element");
      at++;
    }
  };
  const object = () => {
    const result = {};
    at++;
    space();
    if (text[at] === '}') {
      at++;
      return result;
    }
    for (;;) {
      space();
      if (text[at] !== '"') fail('a property name in double quotes');
      const key = string();
      space();
      if (text[at] !== ':') fail("':' after the property name");
      at++;
      Object.defineProperty(result, key, { value: value(), enumerable: true, writable: true });
      space();
      if (text[at] === '}') {
        at++;
        return result;
      }
      if (text[at] !== ',') fail("',' or '}' after a property value");
      at++;
    }
  };
  const nested = (read) => {
    if (++depth > MAX_DEPTH) {
      throw new JsonProblem(`nesting deeper than ${MAX_DEPTH} arrays and objects`, at);
    }
    const result = read();
    depth--;
    return result;
  };
  const value = () => {
    space();
    const c = text[at];
    if (c === '{') return nested(object);
    if (c === '[') return nested(array);
    if (c === '"') return string();
    if (c === 't') return literal('true', true);
    if (c === 'f') return literal('false', false);
    if (c === 'n') return literal('null', null);
    return number();
  };
  try {
    const result = value();
    space();
    if (at < text.length) fail('the end of the text after the value');
    return { valid: true, value: result };
  } catch (problem) {
    if (!(problem instanceof JsonProblem)) throw problem;
    return {
      valid: false,
      message: problem.message,
      offset: problem.offset,
      ...where(text, problem.offset),
    };
  }
}

/** The line and column of a character, from 1. */
function where(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
