/**
 * The timeline of an execution as data: a row per state (in the order they were first entered, a
 * bar per visit), a row per Map iteration under its Map state, and the time axis's ticks. Times
 * are seconds since the execution started. Pure: timeline.js draws it.
 *
 * Bars are capped, so that 25,000 events draw in a moment: the first {@link MAX_BARS} bars and
 * {@link MAX_ITERATION_ROWS} iteration rows are drawn, and the model says how many were left out.
 */
import { formatDuration } from '../format.js';

export const MAX_BARS = 1500;
export const MAX_ITERATION_ROWS = 100;

/**
 * @typedef {{from: number, to: number, status: import('./status.js').StateStatus, open: boolean, entryId?: number}} Bar
 *   `open`: it has not ended; `to` is now.
 * @typedef {{key: string, label: string, kind: 'state' | 'iteration', depth: number, bars: Bar[]}} Row
 * @typedef {{offset: number, label: string}} Tick
 * @typedef {{duration: number, rows: Row[], ticks: Tick[], hiddenBars: number, hiddenIterations: number}} Timeline
 */

/**
 * @param {{
 *   entries: import('./states.js').Entry[],
 *   iterations: import('./states.js').Iteration[],
 *   startedAt: number,
 *   now: number,
 * }} execution `now`: where bars that have not ended end, the stop date once it stopped
 * @returns {Timeline}
 */
export function timelineOf({ entries, iterations, startedAt, now }) {
  const rows = [];
  const byName = new Map();
  let budget = MAX_BARS;
  let hiddenBars = 0;
  const bar = (from, to, status, entryId) => ({
    from: Math.max(0, from - startedAt),
    to: Math.max(0, (to ?? now) - startedAt),
    status,
    open: to === null,
    ...(entryId === undefined ? {} : { entryId }),
  });
  const add = (row, made) => {
    if (budget > 0) {
      budget--;
      row.bars.push(made());
    } else {
      hiddenBars++;
    }
  };
  for (const entry of entries) {
    let row = byName.get(entry.name);
    if (!row) {
      row = {
        key: `state:${entry.name}`,
        label: entry.name,
        kind: 'state',
        depth: depthOf(entry),
        bars: [],
      };
      byName.set(entry.name, row);
      rows.push(row);
    }
    add(row, () => bar(entry.enteredAt, entry.closedAt, entry.status, entry.id));
  }
  let iterationRows = 0;
  let hiddenIterations = 0;
  const byMap = new Map();
  for (const iteration of iterations) {
    if (iterationRows >= MAX_ITERATION_ROWS) {
      hiddenIterations++;
      continue;
    }
    iterationRows++;
    const mapRow = byName.get(iteration.name);
    const row = {
      key: `iteration:${iteration.mapEntry}/${iteration.index}`,
      label: `${iteration.name} #${iteration.index}`,
      kind: 'iteration',
      depth: (mapRow?.depth ?? 0) + 1,
      bars: [],
    };
    add(row, () => bar(iteration.startedAt, iteration.endedAt, iteration.status));
    const list = byMap.get(iteration.name) ?? [];
    list.push(row);
    byMap.set(iteration.name, list);
  }
  const ordered = rows.flatMap((row) => [
    row,
    ...(byMap.get(row.label) ?? []).sort((a, b) =>
      a.label.localeCompare(b.label, 'en', { numeric: true }),
    ),
  ]);
  const duration = Math.max(now - startedAt, 0.001);
  return { duration, rows: ordered, ticks: ticksOf(duration), hiddenBars, hiddenIterations };
}

/** How deep a state is nested: 0 at the top level, 1 in a branch or iteration... */
function depthOf(entry) {
  return Math.max(0, (entry.nodeId?.split('/States/').length ?? 2) - 2);
}

/** Ticks at a round step (1, 2 or 5 times a power of ten seconds), about 8 of them. */
export function ticksOf(duration) {
  const rough = duration / 8;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((candidate) => candidate >= rough);
  const ticks = [];
  for (let i = 0; i * step <= duration + step * 1e-9; i++) {
    const offset = Number((i * step).toPrecision(12));
    ticks.push({ offset, label: offset === 0 ? '0 s' : formatDuration(offset) });
  }
  return ticks;
}
