import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatCount, formatRate, formatSpan } from '../../main/web/figures.js';

test('shouldWriteSpansInTheirTwoLargestUnitsWhenTheyAreLong', () => {
  // given
  const spans = [0.4, 45, 200, 3600, 3605, 7500, 93600];

  // when
  const written = spans.map(formatSpan);

  // then
  assert.deepEqual(written, ['0 s', '45 s', '3 min 20 s', '1 h', '1 h', '2 h 5 min', '1 d 2 h']);
});

test('shouldWriteRatesShortWithTheirUnitWhenTheyAreSmallOrLarge', () => {
  // given
  const rates = [0, 0.25, 1 / 3, 12.4, 1500, Number.NaN];

  // when
  const written = rates.map(formatRate);

  // then
  assert.deepEqual(written, ['0/s', '0.25/s', '0.33/s', '12/s', '1.5k/s', '']);
});

test('shouldGroupDigitsWhenACountIsLarge', () => {
  // when / then
  assert.equal(formatCount(1234567), '1,234,567');
  assert.equal(formatCount(undefined), '');
});
