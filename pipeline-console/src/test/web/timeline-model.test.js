import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  MAX_BARS,
  MAX_ITERATION_ROWS,
  ticksOf,
  timelineOf,
} from '../../main/web/execution/timeline-model.js';

const entry = (id, name, nodeId, enteredAt, closedAt, status = 'succeeded') => ({
  id,
  name,
  nodeId,
  enteredAt,
  closedAt,
  status,
});

test('shouldDrawARowPerStateWithABarPerVisitAndIterationsUnderTheirMapWhenTheExecutionRan', () => {
  // given
  const entries = [
    entry(2, 'Prepare', '/States/Prepare', 100, 100.5),
    entry(4, 'Each', '/States/Each', 100.5, 103),
    entry(7, 'Store', '/States/Each/ItemProcessor/States/Store', 101, 102),
    entry(9, 'Store', '/States/Each/ItemProcessor/States/Store', 101, null, 'in-progress'),
  ];
  const iterations = [
    { mapEntry: 4, name: 'Each', index: 1, startedAt: 101, endedAt: null, status: 'in-progress' },
    { mapEntry: 4, name: 'Each', index: 0, startedAt: 101, endedAt: 102, status: 'succeeded' },
  ];

  // when
  const timeline = timelineOf({ entries, iterations, startedAt: 100, now: 104 });

  // then
  assert.deepEqual(
    timeline.rows.map((row) => [row.label, row.kind, row.depth, row.bars.length]),
    [
      ['Prepare', 'state', 0, 1],
      ['Each', 'state', 0, 1],
      ['Each #0', 'iteration', 1, 1],
      ['Each #1', 'iteration', 1, 1],
      ['Store', 'state', 1, 2],
    ],
  );
  assert.deepEqual(timeline.rows[4].bars[1], {
    from: 1,
    to: 4,
    status: 'in-progress',
    open: true,
    entryId: 9,
  });
  assert.equal(timeline.duration, 4);
});

test('shouldLeaveOutAndCountBarsAndIterationRowsWhenThereAreTooMany', () => {
  // given
  const entries = Array.from({ length: MAX_BARS + 20 }, (_, i) =>
    entry(i + 1, 'Loop', '/States/Loop', i, i + 0.5),
  );
  const iterations = Array.from({ length: MAX_ITERATION_ROWS + 5 }, (_, index) => ({
    mapEntry: 1,
    name: 'Loop',
    index,
    startedAt: 0,
    endedAt: 1,
    status: 'succeeded',
  }));

  // when
  const timeline = timelineOf({ entries, iterations, startedAt: 0, now: MAX_BARS + 20 });

  // then
  const bars = timeline.rows.reduce((sum, row) => sum + row.bars.length, 0);
  assert.equal(bars, MAX_BARS);
  assert.equal(timeline.hiddenBars, 20 + MAX_ITERATION_ROWS);
  assert.equal(timeline.hiddenIterations, 5);
  assert.equal(timeline.rows.length, 1 + MAX_ITERATION_ROWS);
});

test('shouldPlaceRoundTicksOverTheWholeDurationWhenTheAxisIsDrawn', () => {
  // when
  const short = ticksOf(0.9);
  const long = ticksOf(95);

  // then
  assert.deepEqual(
    short.map((tick) => tick.label),
    ['0 s', '200 ms', '400 ms', '600 ms', '800 ms'],
  );
  assert.deepEqual(
    long.map((tick) => tick.offset),
    [0, 20, 40, 60, 80],
  );
  assert.equal(long[4].label, '1 min 20 s');
});
