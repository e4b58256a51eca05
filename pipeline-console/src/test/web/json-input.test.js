import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseJson } from '../../main/web/json-input.js';

test('shouldReadTheValueWhenTheTextIsJson', () => {
  // when
  const parsed = parseJson(' {"approved": true, "by": ["console"]} ');

  // then
  assert.deepEqual(parsed, { ok: true, value: { approved: true, by: ['console'] } });
});

test('shouldSayWhyWhenTheTextIsNotJson', () => {
  // when
  const parsed = parseJson('{"approved": }');

  // then
  assert.equal(parsed.ok, false);
  assert.match(parsed.message, /^Not JSON: /);
});

test('shouldAskForAValueWhenTheTextIsBlank', () => {
  // when / then
  assert.deepEqual(parseJson('  \n'), { ok: false, message: 'Enter a JSON value, e.g. {}.' });
});
