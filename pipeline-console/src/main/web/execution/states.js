/**
 * What each state of an execution did, read from its history (GetExecutionHistory's events, oldest
 * first, as many at a time as arrive). Pure: no DOM, no requests; the execution page feeds it and
 * paints the graph, the timeline and the panels from what it answers.
 *
 * Each `...StateEntered` event opens an *entry*: one visit of a state (a state in a loop or a Map
 * iteration has many). The events that follow are put on an entry by the state name they carry,
 * or, for those that carry none (an activity's `ActivityStarted`, `ActivityFailed`...), by their
 * `previousEventId`: each event points to the one before it in its own branch or iteration, so the
 * chain leads back to the entry that scheduled the work. An entry ends with its `...StateExited`,
 * or when what it runs in ends: its Map iteration, its Parallel or Map state, the execution.
 *
 * An entry's status:
 * - `in-progress` while open; `succeeded` when it exited;
 * - `retried` when it exited after its work was started again (a Retry: a second
 *   `ActivityScheduled`, `TaskScheduled`, `ParallelStateStarted`, `MapStateStarted`);
 * - `caught` when it exited although its last attempt failed (a Catch took over);
 * - `failed` when it ended without exiting after a failure (or is a Fail state);
 * - `cancelled` when it ended without exiting and without failing (a sibling branch failed, the
 *   execution was stopped or timed out).
 * A failure without an event (a Pass state's bad path, caught) cannot be seen, and reads as success.
 */
import { STATUS_PRIORITY } from './status.js';

const WORK_SCHEDULED = /^(Activity|Task|LambdaFunction)Scheduled$/;
const WORK_FAILED =
  /^(Activity|Task|LambdaFunction)(Failed|TimedOut|ScheduleFailed|StartFailed|SubmitFailed)$/;
const STATE_FAILED = new Set(['ParallelStateFailed', 'MapStateFailed', 'MapRunFailed']);
const EXECUTION_ENDS = new Map([
  ['ExecutionSucceeded', 'SUCCEEDED'],
  ['ExecutionFailed', 'FAILED'],
  ['ExecutionAborted', 'ABORTED'],
  ['ExecutionTimedOut', 'TIMED_OUT'],
]);

/**
 * @typedef {import('./status.js').StateStatus} StateStatus
 * @typedef {{attempt: number, eventId: number, type: string, error?: string, cause?: string}} Failure
 * @typedef {{
 *   id: number, name: string, nodeId: string | null, type: string,
 *   parent: number | null, iteration: number | null,
 *   enteredAt: number, exitedAt: number | null, closedAt: number | null,
 *   input?: string, output?: string,
 *   attempts: number, failures: Failure[], status: StateStatus, superseded: boolean,
 * }} Entry
 *   `id` is its `...StateEntered` event's id; `parent` the entry of the Parallel or Map state it
 *   runs in, `iteration` its Map iteration's index or its Parallel branch's; times are the API's
 *   seconds. `superseded`: it failed before a redrive, which ran it again.
 * @typedef {{
 *   mapEntry: number, name: string, index: number,
 *   startedAt: number, endedAt: number | null, status: StateStatus,
 * }} Iteration
 * @typedef {{status: StateStatus, counts: Record<string, number>, visits: number, retries: number}} NodeState
 *   `counts`: the node's entries by status, those a redrive superseded left out.
 * @typedef {{status: string | null, startedAt: number | null, stoppedAt: number | null, redrives: number}} ExecutionSummary
 */

/** An event's details: the one field named `...EventDetails`. */
export function detailsOf(event) {
  for (const [field, value] of Object.entries(event)) {
    if (field.endsWith('EventDetails') && value !== null && typeof value === 'object') return value;
  }
  return {};
}

/**
 * Follows an execution's states through its history.
 *
 * @param {import('../graph/model.js').Graph} graph the graph of the definition it runs
 */
export function createTracker(graph) {
  const states = new Map();
  for (const node of graph.nodes) if (node.kind === 'state') states.set(node.name, node);
  const nodes = new Map(graph.nodes.map((node) => [node.id, node]));
  const entries = [];
  const byId = new Map();
  const open = new Set();
  const openByName = new Map();
  const entryOfEvent = new Map();
  const iterationStarts = new Map();
  const iterations = new Map();
  const execution = { status: null, startedAt: null, stoppedAt: null, redrives: 0 };
  let lastEventId = 0;

  /** The Parallel or Map state a state runs in, if any. */
  const enclosingState = (node) => {
    const scope = node?.parent === null ? null : nodes.get(node?.parent);
    return scope ? (nodes.get(scope.parent) ?? null) : null;
  };

  const latestOpen = (name) => openByName.get(name)?.at(-1) ?? null;

  const named = (name, previous) => {
    if (previous?.name === name && open.has(previous)) return previous;
    const found = latestOpen(name);
    if (found) return found;
    for (let i = entries.length - 1; i >= 0; i--) {
      // Events of a state that ended: a redrive took it up again.
      if (entries[i].name === name) return execution.redrives > 0 ? reopen(entries[i]) : entries[i];
    }
    return null;
  };

  const track = (entry) => {
    open.add(entry);
    const list = openByName.get(entry.name) ?? [];
    list.push(entry);
    openByName.set(entry.name, list);
  };

  const reopen = (entry) => {
    if (!open.has(entry)) {
      track(entry);
      entry.attempts++;
      entry.status = 'in-progress';
      entry.superseded = false;
      entry.closedAt = null;
      entry.exitedAt = null;
    }
    return entry;
  };

  const isWithin = (entry, ancestor) => {
    for (let p = entry.parent; p !== null; p = byId.get(p)?.parent ?? null) {
      if (p === ancestor.id) return true;
    }
    return false;
  };

  const close = (entry, time, exited) => {
    if (!open.has(entry)) return;
    open.delete(entry);
    const list = openByName.get(entry.name);
    list.splice(list.lastIndexOf(entry), 1);
    entry.closedAt = time;
    const lastFailed = entry.failures.at(-1)?.attempt === entry.attempts;
    if (exited) {
      entry.exitedAt = time;
      const retried = entry.attempts > 1 || entry.failures.length > 0;
      entry.status = lastFailed ? 'caught' : retried ? 'retried' : 'succeeded';
    } else {
      entry.status = lastFailed || entry.type === 'Fail' ? 'failed' : 'cancelled';
    }
    closeWithin(entry, time);
  };

  /** Ends what still runs inside a Parallel or Map state's entry, iterations included. */
  const closeWithin = (entry, time) => {
    for (const inner of [...open]) if (isWithin(inner, entry)) close(inner, time, false);
    if (entry.type !== 'Map') return;
    for (const iteration of iterations.values()) {
      if (iteration.mapEntry === entry.id && iteration.status === 'in-progress') {
        iteration.status = 'cancelled';
        iteration.endedAt = time;
      }
    }
  };

  const fail = (entry, event, details) => {
    entry.failures.push({
      attempt: entry.attempts,
      eventId: event.id,
      type: event.type,
      error: details.error,
      cause: details.cause,
    });
  };

  const enter = (event, details, previous) => {
    const node = states.get(details.name) ?? null;
    const around = enclosingState(node);
    let parent = null;
    if (around !== null) {
      if (previous?.name === around.name) parent = previous;
      else if (previous && byId.get(previous.parent)?.name === around.name)
        parent = byId.get(previous.parent);
      else parent = latestOpen(around.name);
    }
    let iteration = null;
    if (iterationStarts.has(event.previousEventId))
      iteration = iterationStarts.get(event.previousEventId);
    else if (previous && parent && previous.parent === parent.id) iteration = previous.iteration;
    else if (around?.type === 'Parallel') iteration = branchOf(node);
    const entry = {
      id: event.id,
      name: details.name,
      nodeId: node?.id ?? null,
      type: node?.type ?? event.type.replace(/StateEntered$/, ''),
      parent: parent?.id ?? null,
      iteration,
      enteredAt: event.timestamp,
      exitedAt: null,
      closedAt: null,
      input: details.input,
      output: undefined,
      attempts: 0,
      failures: [],
      status: 'in-progress',
      superseded: false,
    };
    entries.push(entry);
    byId.set(entry.id, entry);
    track(entry);
    if (entry.type === 'Fail') close(entry, event.timestamp, false);
    return entry;
  };

  const iterationEvent = (entry, event, details) => {
    const key = `${entry.id}/${details.index}`;
    const time = event.timestamp;
    if (event.type === 'MapIterationStarted') {
      iterationStarts.set(event.id, details.index);
      iterations.set(key, {
        mapEntry: entry.id,
        name: entry.name,
        index: details.index,
        startedAt: time,
        endedAt: null,
        status: 'in-progress',
      });
      return;
    }
    const iteration = iterations.get(key);
    if (!iteration) return;
    iteration.endedAt = time;
    iteration.status =
      event.type === 'MapIterationSucceeded'
        ? 'succeeded'
        : event.type === 'MapIterationFailed'
          ? 'failed'
          : 'cancelled';
    for (const inner of [...open]) {
      if (inner.parent === entry.id && inner.iteration === details.index) close(inner, time, false);
    }
  };

  const apply = (event) => {
    const details = detailsOf(event);
    const type = event.type;
    const previous = entryOfEvent.get(event.previousEventId) ?? null;
    let entry = null;
    if (type === 'ExecutionStarted') {
      execution.status = 'RUNNING';
      execution.startedAt = event.timestamp;
    } else if (type === 'ExecutionRedriven') {
      execution.status = 'RUNNING';
      execution.stoppedAt = null;
      execution.redrives++;
      for (const done of entries) {
        if (done.status === 'failed' || done.status === 'cancelled') done.superseded = true;
      }
    } else if (EXECUTION_ENDS.has(type)) {
      execution.status = EXECUTION_ENDS.get(type);
      execution.stoppedAt = event.timestamp;
      for (const running of [...open]) close(running, event.timestamp, false);
    } else if (type.endsWith('StateEntered')) {
      entry = enter(event, details, previous);
    } else if (typeof details.name === 'string' && states.has(details.name)) {
      entry = named(details.name, previous);
      if (entry !== null) stateEvent(entry, event, details);
    } else if (previous !== null && open.has(previous)) {
      entry = previous;
      work(entry, event, details);
    }
    entryOfEvent.set(event.id, entry);
  };

  /** An event that names its state: the state's own, a Map iteration's, or its work's. */
  const stateEvent = (entry, event, details) => {
    const type = event.type;
    if (type.endsWith('StateExited')) {
      entry.output = details.output;
      close(entry, event.timestamp, true);
    } else if (type === 'ParallelStateStarted' || type === 'MapStateStarted') {
      // A second start is a Retry: what the first left running has ended.
      if (entry.attempts > 0) closeWithin(entry, event.timestamp);
      entry.attempts++;
    } else if (type.startsWith('MapIteration')) {
      iterationEvent(entry, event, details);
    } else if (STATE_FAILED.has(type) || type === 'EvaluationFailed') {
      fail(entry, event, details);
      if (STATE_FAILED.has(type)) closeWithin(entry, event.timestamp);
    } else {
      work(entry, event, details);
    }
  };

  const work = (entry, event, details) => {
    if (WORK_SCHEDULED.test(event.type)) entry.attempts++;
    else if (WORK_FAILED.test(event.type)) fail(entry, event, details);
  };

  return {
    /** Reads events, oldest first; those it has read already are skipped. */
    add(events) {
      for (const event of events) {
        if (event.id <= lastEventId) continue;
        lastEventId = event.id;
        apply(event);
      }
    },
    /** The id of the last event read: the history goes on after it. */
    get lastEventId() {
      return lastEventId;
    },
    /** @returns {ExecutionSummary} the execution as its events tell it */
    get execution() {
      return { ...execution };
    },
    /** When the last entry began, in the API's seconds; 0 before any. */
    lastEnteredAt: () => entries.at(-1)?.enteredAt ?? 0,
    /** @returns {Entry[]} every entry, in the order of their events */
    entries: () => entries,
    /** @returns {Entry | undefined} an entry by its id */
    entry: (id) => byId.get(id),
    /** @returns {Entry | null} the entry an event belongs to */
    entryOfEvent: (eventId) => entryOfEvent.get(eventId) ?? null,
    /** @returns {Entry[]} the entries of a state, by its node id */
    entriesOf: (nodeId) => entries.filter((entry) => entry.nodeId === nodeId),
    /** @returns {Iteration[]} the Map iterations, in the order they started */
    iterations: () => [...iterations.values()],
    /** @returns {Map<string, NodeState>} each state that ran, by node id */
    nodeStates: () => nodeStates(entries),
  };
}

function nodeStates(entries) {
  const found = new Map();
  for (const entry of entries) {
    if (entry.nodeId === null) continue;
    let state = found.get(entry.nodeId);
    if (!state) {
      state = { counts: {}, superseded: {}, visits: 0, retries: 0 };
      found.set(entry.nodeId, state);
    }
    const counts = entry.superseded ? state.superseded : state.counts;
    counts[entry.status] = (counts[entry.status] ?? 0) + 1;
    state.visits++;
    state.retries += Math.max(0, entry.attempts - 1);
  }
  const answer = new Map();
  for (const [id, state] of found) {
    const counts = Object.keys(state.counts).length > 0 ? state.counts : state.superseded;
    const status = STATUS_PRIORITY.find((candidate) => counts[candidate] > 0) ?? 'not-started';
    answer.set(id, { status, counts, visits: state.visits, retries: state.retries });
  }
  return answer;
}

/** The index of the Parallel branch a state is in, read from its node id. */
function branchOf(node) {
  const match = /\/Branches\/(\d+)\/States\/[^/]*$/.exec(node?.id ?? '');
  return match ? Number(match[1]) : null;
}
