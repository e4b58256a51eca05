/**
 * An execution: its summary, the graph of the definition it runs coloured by each state's status,
 * its event history and its timeline, in tabs. While it runs the page polls about every second:
 * DescribeExecution, and the history events added since the last one read; the states' statuses
 * are repainted in place, never the whole graph.
 */
import { ApiError, call } from '../api.js';
import {
  redriveExecutionDialog,
  startExecutionDialog,
  stopExecutionDialog,
} from '../dialogs/execution-dialogs.js';
import { h } from '../dom.js';
import { historyReader } from '../execution/history.js';
import { historyTable } from '../execution/history-table.js';
import { paintStates, statusLegend } from '../execution/paint.js';
import { stateDetails } from '../execution/state-details.js';
import { createTracker } from '../execution/states.js';
import { executionSummary } from '../execution/summary.js';
import { timelineView } from '../execution/timeline.js';
import { executionPath } from '../format.js';
import { graphView } from '../graph/view.js';
import { tabs } from '../tabs.js';

const POLL_MILLIS = 1000;

/**
 * @param {{main: HTMLElement, params: string[], navigate: (path: string) => void, signal: AbortSignal}} context
 */
export async function executionPage({ main, params, navigate, signal }) {
  const loading = performance.now();
  const arn = decodeURIComponent(params[0]);
  const status = h('p', { class: 'status', role: 'status' }, 'Loading the execution…');
  const title = h('h1', { id: 'page-title', tabindex: -1 }, arn.split(':').at(-1));
  main.replaceChildren(title, status);
  const [first, machine] = await Promise.all([
    call('DescribeExecution', { executionArn: arn }),
    call('DescribeStateMachineForExecution', { executionArn: arn }),
  ]);
  let described = first;
  document.title = `${described.name} · pipeline console`;
  let tracker = null;
  const graph = await graphView({
    definition: JSON.parse(machine.definition),
    diagnostics: [],
    title: machine.name,
    stateDetails: (node) => stateDetails(tracker)(node),
  });
  tracker = createTracker(graph.graph);
  const events = [];
  const legend = statusLegend();
  const table = historyTable({ events, tracker });
  const timeline = timelineView();
  let timelineShown = false;
  const drawTimeline = () => {
    const drawing = performance.now();
    timeline.update({
      entries: tracker.entries(),
      iterations: tracker.iterations(),
      startedAt: described.startDate,
      now: described.stopDate ?? Math.max(Date.now() / 1000, tracker.lastEnteredAt()),
    });
    performance.measure('console:timeline', { start: drawing });
  };
  const summary = executionSummary({
    title,
    machine,
    onStop: () => stopExecutionDialog({ executionArn: arn, onStopped: () => poll.now() }),
    onRedrive: () => redriveExecutionDialog({ executionArn: arn, onRedriven: () => poll.now() }),
    onStartAnother: () =>
      startExecutionDialog({
        machines: [machine],
        input: described.input ?? '{}',
        onStarted: (executionArn) => navigate(executionPath(executionArn)),
      }),
  });
  summary.update(described);
  let painted = new Map();
  const show = (fresh) => {
    if (fresh.length === 0) return;
    events.push(...fresh);
    tracker.add(fresh);
    const states = tracker.nodeStates();
    legend.update(paintStates(graph.canvas, states));
    const selected = graph.selectedId();
    if (selected && JSON.stringify(states.get(selected)) !== JSON.stringify(painted.get(selected)))
      graph.refresh();
    painted = states;
    table.update();
    if (timelineShown) drawTimeline();
  };
  title.before(summary.breadcrumb);
  status.replaceWith(
    summary.element,
    tabs('Execution views', [
      {
        id: 'graph',
        label: 'Graph',
        content: h('div', { class: 'execution-graph' }, legend.element, graph.element),
        onShow: graph.fit,
      },
      { id: 'history', label: 'Event history', content: table.element },
      {
        id: 'timeline',
        label: 'Timeline',
        content: timeline.element,
        onShow: () => {
          timelineShown = true;
          drawTimeline();
        },
      },
    ]),
  );
  graph.fit();
  legend.update(paintStates(graph.canvas, new Map()));
  const reader = historyReader(call, arn);
  await reader.readAll(show, signal);
  // What the README reports: the page with every event read, counted and shown.
  performance.measure('console:history-load', { start: loading });
  main.dataset.historyLoaded = String(events.length);
  const poll = livePolling({
    arn,
    reader,
    signal,
    onEvents: show,
    onDescribed: (now) => {
      described = now;
      summary.update(now);
      if (timelineShown) drawTimeline();
    },
    onNote: summary.live,
  });
  poll.start(described);
}

/**
 * Polls while the execution runs: each round, the new events and DescribeExecution; once it
 * stopped, the last events. `now()` polls at once (after Stop or Redrive) and restarts the rounds
 * when a redrive made it run again.
 */
function livePolling({ arn, reader, signal, onEvents, onDescribed, onNote }) {
  let running = false;
  let wake = null;
  const pause = () =>
    new Promise((resume) => {
      const timer = setTimeout(resume, POLL_MILLIS);
      wake = () => {
        clearTimeout(timer);
        resume();
      };
    });
  const rounds = async (status) => {
    running = true;
    onNote('Live: updated about every second.');
    while (!signal.aborted && (status === 'RUNNING' || status === 'PENDING_REDRIVE')) {
      await pause();
      if (signal.aborted) break;
      try {
        const [fresh, described] = await Promise.all([
          reader.readNew(),
          call('DescribeExecution', { executionArn: arn }),
        ]);
        onEvents(fresh);
        if (described.status !== 'RUNNING') onEvents(await reader.readNew());
        onDescribed(described);
        status = described.status;
        onNote('Live: updated about every second.');
      } catch (failure) {
        if (failure instanceof ApiError && failure.status === 401) break;
        onNote(`Live updates paused (${failure.message}); trying again.`);
      }
    }
    running = false;
    if (!signal.aborted) onNote('');
  };
  return {
    start: (described) => {
      if (described.status === 'RUNNING' || described.status === 'PENDING_REDRIVE')
        rounds(described.status);
    },
    now: () => {
      if (running) wake?.();
      else rounds('RUNNING');
    },
  };
}
