import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sparklineModel, sparklineText } from '../../main/web/charts/sparkline.js';

const rate = (value) => `${value}/s`;

test('shouldSpanTheBoxFromZeroToTheHighestValueWhenTheSeriesVaries', () => {
  // given
  const series = [
    { at: 100, value: 0 },
    { at: 105, value: 4 },
    { at: 110, value: 2 },
  ];

  // when
  const model = sparklineModel(series, 103, 23);

  // then: x from 1.5 to 101.5, y from 21.5 (zero) to 1.5 (the highest)
  assert.equal(model.points, '1.5,21.5 51.5,1.5 101.5,11.5');
  assert.equal(model.area, '1.5,21.5 1.5,21.5 51.5,1.5 101.5,11.5 101.5,21.5');
  assert.deepEqual([model.min, model.max, model.last, model.count], [0, 4, 2, 3]);
});

test('shouldLayAFlatSeriesOfZerosOnTheBottomWhenNothingHappens', () => {
  // when
  const model = sparklineModel(
    [
      { at: 0, value: 0 },
      { at: 5, value: 0 },
    ],
    20,
    10,
  );

  // then
  assert.equal(model.points, '1.5,8.5 18.5,8.5');
});

test('shouldSayLowestHighestAndLastWhenItStandsForTheChart', () => {
  // given
  const model = sparklineModel(
    [
      { at: 0, value: 3 },
      { at: 5, value: 1 },
      { at: 10, value: 2 },
    ],
    100,
    20,
  );

  // when
  const text = sparklineText('Write rate of orders', model, rate);

  // then
  assert.equal(text, 'Write rate of orders: min 1/s, max 3/s, last 2/s');
  assert.equal(
    sparklineText('Lag of g', sparklineModel([], 10, 10), rate),
    'Lag of g: no samples yet',
  );
});

test('shouldCentreASinglePointWhenTheSeriesHasOneSample', () => {
  // when
  const model = sparklineModel([{ at: 7, value: 5 }], 40, 10);

  // then
  assert.equal(model.points, '20,1.5');
});
