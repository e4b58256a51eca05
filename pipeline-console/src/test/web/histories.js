/**
 * Execution histories as the orchestrator's GetExecutionHistory answers them: ids from 1, seconds
 * since the epoch, details under `<type>EventDetails` (`stateEnteredEventDetails` and
 * `stateExitedEventDetails` for every state type), inputs and outputs as JSON text, and each
 * event's `previousEventId` the event before it in its own branch or iteration.
 */

const ACTIVITY = 'arn:aws:states:us-east-1:000000000000:activity:work';

/** Pass, Choice, a Task on an activity with Retry and Catch, Parallel, Map, Succeed and Fail. */
export const SHOWCASE = {
  StartAt: 'Prepare',
  States: {
    Prepare: { Type: 'Pass', Next: 'Route' },
    Route: {
      Type: 'Choice',
      Choices: [{ Variable: '$.rush', IsPresent: true, Next: 'Give up' }],
      Default: 'Work',
    },
    Work: {
      Type: 'Task',
      Resource: ACTIVITY,
      Retry: [{ ErrorEquals: ['Custom.Flaky'], IntervalSeconds: 1 }],
      Catch: [{ ErrorEquals: ['Custom.Fatal'], Next: 'Give up' }],
      Next: 'Fan',
    },
    Fan: {
      Type: 'Parallel',
      Next: 'Each',
      Branches: [
        { StartAt: 'Left', States: { Left: { Type: 'Task', Resource: ACTIVITY, End: true } } },
        { StartAt: 'Right', States: { Right: { Type: 'Task', Resource: ACTIVITY, End: true } } },
      ],
    },
    Each: {
      Type: 'Map',
      Next: 'Done',
      ItemProcessor: {
        StartAt: 'Store',
        States: { Store: { Type: 'Task', Resource: ACTIVITY, End: true } },
      },
    },
    Done: { Type: 'Succeed' },
    'Give up': { Type: 'Fail', Error: 'GaveUp' },
  },
};

/** The id of a state of {@link SHOWCASE} in its graph. */
export const NODE = {
  Prepare: '/States/Prepare',
  Route: '/States/Route',
  Work: '/States/Work',
  Fan: '/States/Fan',
  Left: '/States/Fan/Branches/0/States/Left',
  Right: '/States/Fan/Branches/1/States/Right',
  Each: '/States/Each',
  Store: '/States/Each/ItemProcessor/States/Store',
  Done: '/States/Done',
  'Give up': '/States/Give up',
};

const TYPES = {
  Prepare: 'Pass',
  Route: 'Choice',
  Work: 'Task',
  Fan: 'Parallel',
  Left: 'Task',
  Right: 'Task',
  Each: 'Map',
  Store: 'Task',
  Done: 'Succeed',
  'Give up': 'Fail',
};

function detailsField(type) {
  if (type.endsWith('StateEntered')) return 'stateEnteredEventDetails';
  if (type.endsWith('StateExited')) return 'stateExitedEventDetails';
  return `${type.charAt(0).toLowerCase()}${type.slice(1)}EventDetails`;
}

/**
 * Writes a history event by event. Each method returns the new event's id; `after` names the
 * event before it in its branch (by default the one written last), `at` its second.
 */
export function historyOf() {
  const events = [];
  let clock = 1_800_000_000;
  const add = (type, details, { after, at } = {}) => {
    const id = events.length + 1;
    clock = at ?? clock + 0.25;
    events.push({
      timestamp: clock,
      type,
      id,
      previousEventId: after ?? id - 1,
      [detailsField(type)]: details,
    });
    return id;
  };
  const json = (value) => JSON.stringify(value);
  return {
    events,
    started: (input = {}) => add('ExecutionStarted', { input: json(input), roleArn: 'role' }),
    entered: (name, input = {}, options) =>
      add(`${TYPES[name]}StateEntered`, { name, input: json(input) }, options),
    exited: (name, output = {}, options) =>
      add(`${TYPES[name]}StateExited`, { name, output: json(output) }, options),
    scheduled: (input = {}, options) =>
      add('ActivityScheduled', { resource: ACTIVITY, input: json(input) }, options),
    activityStarted: (options) => add('ActivityStarted', { workerName: 'w' }, options),
    activitySucceeded: (output = {}, options) =>
      add('ActivitySucceeded', { output: json(output) }, options),
    activityFailed: (error, cause, options) => add('ActivityFailed', { error, cause }, options),
    stateEvent: (type, name, options) => add(type, { name }, options),
    iteration: (type, name, index, options) => add(type, { index, name }, options),
    ended: (type, details = {}) => add(type, details),
  };
}
