/**
 * An icon per state status, so that colour is never the only cue: a filled circle in the status's
 * colour with a white mark (a tick, a cross, a hook for caught, a turning arrow for retried...).
 * The same drawing serves the graph's nodes, the legend, badges and the timeline.
 */
import { h, svg } from '../dom.js';
import { executionStatusLabel, executionStatusLook } from './status.js';

const MARKS = {
  'not-started': '',
  'in-progress': 'M -2.2 -3.6 L 3.6 0 L -2.2 3.6 Z',
  succeeded: 'M -3.6 0.2 L -1 2.8 L 3.8 -2.6',
  failed: 'M -3 -3 L 3 3 M 3 -3 L -3 3',
  caught: 'M -3 -3.6 V 1.4 H 3 M 0.9 -0.8 L 3 1.4 L 0.9 3.6',
  retried: 'M 3.3 -1.3 A 3.6 3.6 0 1 0 3.4 1.9 M 3.8 -4.2 L 3.4 -1 L 0.3 -1.7',
  cancelled: 'M -3.6 0 H 3.6',
};

/** The mark of a status, in an SVG group centred on 0,0, 18 units wide. */
export function statusMark(status) {
  const mark = MARKS[status] ?? '';
  return svg(
    'g',
    { class: `status-mark status-${status}`, 'aria-hidden': 'true' },
    svg('circle', { r: 8.5 }),
    mark ? svg('path', { d: mark, class: status === 'in-progress' ? 'filled' : '' }) : null,
  );
}

/** The mark as an inline icon for HTML, the size of the text around it. */
export function statusIcon(status) {
  return svg(
    'svg',
    { class: 'status-icon', viewBox: '-9 -9 18 18', 'aria-hidden': 'true', focusable: 'false' },
    statusMark(status),
  );
}

/** An execution's status as a badge: its mark and its name, e.g. `Timed out`. */
export function executionBadge(status) {
  return h(
    'span',
    { class: `badge status-${executionStatusLook(status)}`, 'data-status': status },
    statusIcon(executionStatusLook(status)),
    executionStatusLabel(status),
  );
}
