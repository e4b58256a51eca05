import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTracker } from '../../main/web/execution/states.js';
import { graphOf } from '../../main/web/graph/model.js';
import { historyOf, NODE, SHOWCASE } from './histories.js';

const statusOf = (tracker) =>
  Object.fromEntries(
    Object.entries(NODE).map(([name, id]) => [
      name,
      tracker.nodeStates().get(id)?.status ?? 'not-started',
    ]),
  );

const tracked = (events) => {
  const tracker = createTracker(graphOf(SHOWCASE));
  tracker.add(events);
  return tracker;
};

/** Prepare, Route, Work (failing once, retried), Fan's branches side by side, Each's 2 items. */
function happyPath() {
  const h = historyOf();
  h.started({ items: [1, 2] });
  h.entered('Prepare');
  h.exited('Prepare');
  h.entered('Route');
  h.exited('Route');
  h.entered('Work', { n: 1 });
  h.scheduled();
  h.activityStarted();
  const failed = h.activityFailed('Custom.Flaky', 'first try');
  h.scheduled({}, { after: failed });
  h.activityStarted();
  h.activitySucceeded({ n: 2 });
  h.exited('Work', { n: 2 });
  h.entered('Fan');
  const fan = h.stateEvent('ParallelStateStarted', 'Fan');
  const left = h.entered('Left', {}, { after: fan });
  const leftScheduled = h.scheduled({}, { after: left });
  const right = h.entered('Right', {}, { after: fan });
  const rightScheduled = h.scheduled({}, { after: right });
  const rightStarted = h.activityStarted({ after: rightScheduled });
  const leftStarted = h.activityStarted({ after: leftScheduled });
  const rightDone = h.activitySucceeded('R', { after: rightStarted });
  h.exited('Right', 'R', { after: rightDone });
  const leftDone = h.activitySucceeded('L', { after: leftStarted });
  h.exited('Left', 'L', { after: leftDone });
  h.exited('Fan', ['L', 'R'], { after: fan });
  h.entered('Each', [1, 2]);
  const each = h.stateEvent('MapStateStarted', 'Each');
  const first = h.iteration('MapIterationStarted', 'Each', 0, { after: each });
  const second = h.iteration('MapIterationStarted', 'Each', 1, { after: first });
  const store0 = h.entered('Store', 1, { after: first });
  const scheduled0 = h.scheduled(1, { after: store0 });
  const store1 = h.entered('Store', 2, { after: second });
  const scheduled1 = h.scheduled(2, { after: store1 });
  const started1 = h.activityStarted({ after: scheduled1 });
  const done1 = h.activitySucceeded(4, { after: started1 });
  h.exited('Store', 4, { after: done1 });
  const end1 = h.iteration('MapIterationSucceeded', 'Each', 1, { after: second });
  const started0 = h.activityStarted({ after: scheduled0 });
  const done0 = h.activitySucceeded(2, { after: started0 });
  h.exited('Store', 2, { after: done0 });
  h.iteration('MapIterationSucceeded', 'Each', 0, { after: end1 });
  h.stateEvent('MapStateSucceeded', 'Each');
  h.exited('Each', [2, 4]);
  h.entered('Done');
  h.exited('Done');
  h.ended('ExecutionSucceeded', { output: '{}' });
  return { events: h.events, leftStarted, rightStarted };
}

test('shouldMarkEveryStateSucceededAndTheFlakyTaskRetriedWhenTheExecutionSucceeds', () => {
  // given
  const { events } = happyPath();

  // when
  const tracker = tracked(events);

  // then
  assert.deepEqual(statusOf(tracker), {
    Prepare: 'succeeded',
    Route: 'succeeded',
    Work: 'retried',
    Fan: 'succeeded',
    Left: 'succeeded',
    Right: 'succeeded',
    Each: 'succeeded',
    Store: 'succeeded',
    Done: 'succeeded',
    'Give up': 'not-started',
  });
  assert.deepEqual(tracker.nodeStates().get(NODE.Store).counts, { succeeded: 2 });
  assert.equal(tracker.nodeStates().get(NODE.Work).retries, 1);
  assert.equal(tracker.execution.status, 'SUCCEEDED');
});

test('shouldPutAnActivitysEventsOnItsOwnBranchWhenBranchesInterleave', () => {
  // given
  const { events, leftStarted, rightStarted } = happyPath();

  // when
  const tracker = tracked(events);

  // then
  assert.equal(tracker.entryOfEvent(leftStarted).name, 'Left');
  assert.equal(tracker.entryOfEvent(rightStarted).name, 'Right');
  const stores = tracker.entriesOf(NODE.Store);
  assert.deepEqual(
    stores.map((entry) => [entry.iteration, entry.input, entry.output]),
    [
      [0, '1', '2'],
      [1, '2', '4'],
    ],
  );
  assert.deepEqual(
    tracker.iterations().map((it) => [it.name, it.index, it.status]),
    [
      ['Each', 0, 'succeeded'],
      ['Each', 1, 'succeeded'],
    ],
  );
});

test('shouldShowAStateInProgressUntilItExitsWhenEventsArriveLive', () => {
  // given
  const { events } = happyPath();
  const tracker = createTracker(graphOf(SHOWCASE));

  // when: up to the first ActivityStarted, then up to its failure
  tracker.add(events.slice(0, 8));
  const running = statusOf(tracker);
  tracker.add(events.slice(0, 9));
  const failing = statusOf(tracker);

  // then
  assert.equal(running.Prepare, 'succeeded');
  assert.equal(running.Work, 'in-progress');
  assert.equal(running.Fan, 'not-started');
  assert.equal(failing.Work, 'in-progress');
  assert.equal(tracker.execution.status, 'RUNNING');
});

test('shouldReadTheSameWhenEventsArriveInBatchesOrTwice', () => {
  // given
  const { events } = happyPath();
  const whole = tracked(events);
  const batched = createTracker(graphOf(SHOWCASE));

  // when
  for (let i = 0; i < events.length; i += 7) batched.add(events.slice(Math.max(0, i - 3), i + 7));

  // then
  assert.deepEqual(statusOf(batched), statusOf(whole));
  assert.equal(batched.lastEventId, events.length);
  assert.equal(batched.entries().length, whole.entries().length);
});

test('shouldMarkTheTaskCaughtAndTheFailStateFailedWhenACatchLeadsToFail', () => {
  // given
  const h = historyOf();
  h.started();
  h.entered('Prepare');
  h.exited('Prepare');
  h.entered('Route');
  h.exited('Route');
  h.entered('Work');
  h.scheduled();
  h.activityStarted();
  h.activityFailed('Custom.Fatal', 'by design');
  h.exited('Work', { Error: 'Custom.Fatal', Cause: 'by design' });
  h.entered('Give up');
  h.ended('ExecutionFailed', { error: 'GaveUp' });

  // when
  const tracker = tracked(h.events);

  // then
  const status = statusOf(tracker);
  assert.equal(status.Work, 'caught');
  assert.equal(status['Give up'], 'failed');
  assert.equal(status.Fan, 'not-started');
  const [work] = tracker.entriesOf(NODE.Work);
  assert.deepEqual(
    work.failures.map((f) => [f.type, f.error, f.cause]),
    [['ActivityFailed', 'Custom.Fatal', 'by design']],
  );
  assert.equal(tracker.execution.status, 'FAILED');
});

test('shouldFailTheBranchAndCancelItsSiblingWhenAParallelBranchFails', () => {
  // given
  const h = historyOf();
  h.started();
  h.entered('Fan');
  const fan = h.stateEvent('ParallelStateStarted', 'Fan');
  const left = h.entered('Left', {}, { after: fan });
  h.scheduled({}, { after: left });
  const right = h.entered('Right', {}, { after: fan });
  const rightScheduled = h.scheduled({}, { after: right });
  h.activityFailed('Boom', 'right failed', { after: rightScheduled });
  h.stateEvent('ParallelStateFailed', 'Fan', { after: fan });
  h.ended('ExecutionFailed', { error: 'Boom' });

  // when
  const tracker = tracked(h.events);

  // then
  const status = statusOf(tracker);
  assert.equal(status.Right, 'failed');
  assert.equal(status.Left, 'cancelled');
  assert.equal(status.Fan, 'failed');
});

test('shouldCountFailedAndCancelledIterationsWhenAMapIterationFails', () => {
  // given
  const h = historyOf();
  h.started();
  h.entered('Each', [1, 2]);
  const each = h.stateEvent('MapStateStarted', 'Each');
  const first = h.iteration('MapIterationStarted', 'Each', 0, { after: each });
  const second = h.iteration('MapIterationStarted', 'Each', 1, { after: first });
  const store0 = h.entered('Store', 1, { after: first });
  const scheduled0 = h.scheduled(1, { after: store0 });
  const store1 = h.entered('Store', 2, { after: second });
  h.scheduled(2, { after: store1 });
  h.activityFailed('Bad', 'item 1', { after: scheduled0 });
  h.iteration('MapIterationFailed', 'Each', 0, { after: second });
  h.stateEvent('MapStateFailed', 'Each');
  h.ended('ExecutionFailed', { error: 'Bad' });

  // when
  const tracker = tracked(h.events);

  // then
  assert.deepEqual(tracker.nodeStates().get(NODE.Store).counts, { failed: 1, cancelled: 1 });
  assert.equal(statusOf(tracker).Store, 'failed');
  assert.equal(statusOf(tracker).Each, 'failed');
  assert.deepEqual(
    tracker.iterations().map((it) => it.status),
    ['failed', 'cancelled'],
  );
});

test('shouldCancelWhatRunsWhenTheExecutionIsStopped', () => {
  // given
  const h = historyOf();
  h.started();
  h.entered('Work');
  h.scheduled();
  h.activityStarted();
  h.ended('ExecutionAborted', { error: 'Operator', cause: 'stopped' });

  // when
  const tracker = tracked(h.events);

  // then
  assert.equal(statusOf(tracker).Work, 'cancelled');
  assert.equal(tracker.execution.status, 'ABORTED');
  assert.equal(tracker.entriesOf(NODE.Work)[0].closedAt, h.events.at(-1).timestamp);
});

test('shouldShowTheRedrivenStateSucceededWhenARedriveRanItAgain', () => {
  // given
  const h = historyOf();
  h.started();
  h.entered('Work');
  const scheduled = h.scheduled();
  h.activityFailed('Custom.Other', 'no retry for this', { after: scheduled });
  h.ended('ExecutionFailed', { error: 'Custom.Other' });
  const failedOnly = tracked(h.events);
  h.ended('ExecutionRedriven', { redriveCount: 1 });
  h.entered('Work');
  h.scheduled();
  h.activitySucceeded();
  h.exited('Work');

  // when
  const tracker = tracked(h.events);

  // then
  assert.equal(statusOf(failedOnly).Work, 'failed');
  assert.equal(statusOf(tracker).Work, 'succeeded');
  assert.equal(tracker.nodeStates().get(NODE.Work).visits, 2);
  assert.equal(tracker.execution.status, 'RUNNING');
  assert.equal(tracker.execution.redrives, 1);
});

test('shouldMarkTheParallelRetriedAndEndTheFirstAttemptsBranchesWhenItStartsAgain', () => {
  // given
  const h = historyOf();
  h.started();
  h.entered('Fan');
  const fan = h.stateEvent('ParallelStateStarted', 'Fan');
  const left = h.entered('Left', {}, { after: fan });
  const scheduled = h.scheduled({}, { after: left });
  h.activityFailed('Flaky', 'again', { after: scheduled });
  const again = h.stateEvent('ParallelStateStarted', 'Fan', { after: fan });
  const left2 = h.entered('Left', {}, { after: again });
  const scheduled2 = h.scheduled({}, { after: left2 });
  const done = h.activitySucceeded({}, { after: scheduled2 });
  h.exited('Left', {}, { after: done });
  const right = h.entered('Right', {}, { after: again });
  h.exited('Right', {}, { after: right });
  h.exited('Fan', [], { after: again });

  // when
  const tracker = tracked(h.events);

  // then
  assert.equal(statusOf(tracker).Fan, 'retried');
  assert.deepEqual(tracker.nodeStates().get(NODE.Left).counts, { failed: 1, succeeded: 1 });
});
