import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkJson } from '../../main/web/json-check.js';

test('shouldReadTheValueAsJsonParseDoesWhenTheTextIsValidJson', () => {
  // given
  const texts = [
    '{"a": [1, -2.5e3, true, false, null, "x\\n\\u00e9"], "b": {}}',
    '  []  ',
    '"just a string"',
    '0',
  ];

  // when
  const checked = texts.map(checkJson);

  // then
  checked.forEach((result, i) => {
    assert.equal(result.valid, true, texts[i]);
    assert.deepEqual(result.value, JSON.parse(texts[i]));
  });
});

test('shouldNameLineColumnAndWhatWasExpectedWhenACommaIsMissing', () => {
  // given
  const text = '{\n  "bucket": "landing"\n  "key": "a.csv"\n}';

  // when
  const result = checkJson(text);

  // then
  assert.deepEqual(result, {
    valid: false,
    message: "expected ',' or '}' after a property value, found '\"'",
    offset: 26,
    line: 3,
    column: 3,
  });
});

test('shouldPointAtTheProblemWhenTheTextHasATypicalMistake', () => {
  // given
  const cases = [
    ['{"a": 1,}', 1, 9, 'expected a property name in double quotes'],
    ["{'a': 1}", 1, 2, 'expected a property name in double quotes'],
    ['[1, 2', 1, 6, "expected ',' or ']' after an array element, found the end of the text"],
    ['{"a": tru}', 1, 7, 'expected a value'],
    ['{"a": 01}', 1, 8, "expected ',' or '}' after a property value"],
    ['"open', 1, 6, 'expected a closing quote'],
    ['{} {}', 1, 4, 'expected the end of the text after the value'],
    ['', 1, 1, 'expected a value'],
    ['"bad \\x escape"', 1, 7, 'expected an escape'],
  ];

  for (const [text, line, column, message] of cases) {
    // when
    const result = checkJson(text);

    // then
    assert.equal(result.valid, false, text);
    assert.equal(result.line, line, text);
    assert.equal(result.column, column, text);
    assert.ok(result.message.startsWith(message), `${text}: ${result.message}`);
  }
});

test('shouldRefuseInsteadOfOverflowingWhenNestingIsVeryDeep', () => {
  // given
  const text = '['.repeat(5000) + ']'.repeat(5000);

  // when
  const result = checkJson(text);

  // then
  assert.equal(result.valid, false);
  assert.match(result.message, /nesting deeper than 1000/);
});
