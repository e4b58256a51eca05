/**
 * The timeline: a Gantt-like SVG of the states (a bar per visit, entered to left) and the Map
 * iterations, on a time axis from the execution's start. Hovering or focusing a bar shows its
 * times; the bars are one tab stop, the arrow keys move between them (Home and End too).
 */
import { h, svg } from '../dom.js';
import { formatDuration } from '../format.js';
import { statusMark } from './icons.js';
import { stateStatusLabel } from './status.js';
import { timelineOf } from './timeline-model.js';

const LABEL_WIDTH = 220;
const ROW = 24;
const BAR = 16;
const AXIS = 28;
const RIGHT = 24;

/** @returns {{element: HTMLElement, update: (execution: Parameters<typeof timelineOf>[0]) => void}} */
export function timelineView() {
  const tip = h('div', {
    class: 'timeline-tip',
    role: 'tooltip',
    id: 'timeline-tip',
    hidden: true,
  });
  const figure = h('div', { class: 'timeline-figure' });
  const note = h('p', { class: 'muted timeline-note' });
  const area = h('div', { class: 'timeline-area' }, figure, tip);
  const element = h(
    'section',
    { class: 'timeline', 'aria-labelledby': 'timeline-title' },
    h('h2', { id: 'timeline-title' }, 'Timeline'),
    area,
    note,
  );
  let focusedKey = null;
  const update = (execution) => {
    const model = timelineOf(execution);
    const width = Math.max(640, Math.floor(figure.getBoundingClientRect().width) || 960);
    const scale = (width - LABEL_WIDTH - RIGHT) / model.duration;
    const height = AXIS + model.rows.length * ROW + 8;
    const bars = [];
    const x = (offset) => LABEL_WIDTH + offset * scale;
    const rows = model.rows.map((row, i) => {
      const y = AXIS + i * ROW;
      return svg(
        'g',
        { class: `timeline-row ${row.kind}`, 'data-row': row.key },
        svg('rect', { class: 'stripe', x: 0, y, width, height: ROW }),
        svg(
          'text',
          { class: 'row-label', x: 8 + row.depth * 14, y: y + ROW / 2 + 4 },
          clip(row.label),
        ),
        row.bars.map((bar, n) => {
          const left = x(bar.from);
          const barWidth = Math.max(2, x(bar.to) - left);
          const label = `${row.label}${row.bars.length > 1 ? `, visit ${n + 1}` : ''}: ${stateStatusLabel(bar.status)}, from ${formatDuration(bar.from)} to ${bar.open ? 'now' : formatDuration(bar.to)}, ${bar.open ? 'running for' : 'took'} ${formatDuration(bar.to - bar.from)}`;
          const key = `${row.key}#${n}`;
          const group = svg(
            'g',
            {
              class: `bar status-${bar.status}${bar.open ? ' open' : ''}`,
              tabindex: -1,
              role: 'img',
              'aria-label': label,
              'data-key': key,
              'data-status': bar.status,
            },
            svg('rect', { x: left, y: y + (ROW - BAR) / 2, width: barWidth, height: BAR, rx: 3 }),
            barWidth >= 18 ? placedMark(bar.status, left + 9, y + ROW / 2) : null,
          );
          group.dataset.tip = label;
          bars.push(group);
          return group;
        }),
      );
    });
    const ticks = model.ticks.map((tick) =>
      svg(
        'g',
        { class: 'tick' },
        svg('line', { x1: x(tick.offset), x2: x(tick.offset), y1: AXIS - 6, y2: height }),
        svg('text', { x: x(tick.offset), y: AXIS - 10 }, tick.label),
      ),
    );
    const drawing = svg(
      'svg',
      {
        class: 'timeline-svg',
        width,
        height,
        viewBox: `0 0 ${width} ${height}`,
        role: 'group',
        'aria-label': `Timeline: ${model.rows.length} rows over ${formatDuration(model.duration)}. Arrow keys move between bars.`,
        'aria-describedby': 'timeline-tip',
      },
      svg('g', { class: 'axis' }, ticks),
      svg('g', { class: 'rows' }, rows),
    );
    const current = bars.find((bar) => bar.dataset.key === focusedKey) ?? bars[0];
    if (current) current.setAttribute('tabindex', '0');
    const refocus = figure.contains(document.activeElement);
    figure.replaceChildren(drawing);
    if (refocus) current?.focus();
    wire(drawing, bars, area, tip, (key) => (focusedKey = key));
    const left = [];
    if (model.hiddenBars > 0)
      left.push(`${model.hiddenBars} bars after the first ${bars.length} are not drawn`);
    if (model.hiddenIterations > 0)
      left.push(`${model.hiddenIterations} more Map iterations are not drawn`);
    note.textContent = left.length > 0 ? `${left.join('; ')}.` : '';
  };
  return { element, update };
}

function placedMark(status, cx, cy) {
  const mark = statusMark(status);
  mark.setAttribute('transform', `translate(${cx} ${cy}) scale(0.75)`);
  return mark;
}

function clip(text) {
  return text.length > 28 ? `${text.slice(0, 27)}…` : text;
}

/** Tooltips on hover and focus, and the arrow keys moving focus from bar to bar. */
function wire(drawing, bars, area, tip, onFocus) {
  const show = (bar) => {
    const box = bar.getBoundingClientRect();
    const frame = area.getBoundingClientRect();
    tip.textContent = bar.dataset.tip;
    tip.hidden = false;
    tip.style.left = `${Math.max(0, box.left - frame.left)}px`;
    tip.style.top = `${box.bottom - frame.top + 4}px`;
  };
  const hide = () => {
    tip.hidden = true;
  };
  for (const bar of bars) {
    bar.addEventListener('pointerenter', () => show(bar));
    bar.addEventListener('pointerleave', hide);
    bar.addEventListener('focus', () => {
      onFocus(bar.dataset.key);
      show(bar);
    });
    bar.addEventListener('blur', hide);
  }
  drawing.addEventListener('keydown', (event) => {
    const at = bars.indexOf(document.activeElement);
    const moves = {
      ArrowRight: at + 1,
      ArrowDown: at + 1,
      ArrowLeft: at - 1,
      ArrowUp: at - 1,
      Home: 0,
      End: bars.length - 1,
    };
    if (at < 0 || !(event.key in moves)) return;
    event.preventDefault();
    const next = bars[Math.min(bars.length - 1, Math.max(0, moves[event.key]))];
    bars[at].setAttribute('tabindex', '-1');
    next.setAttribute('tabindex', '0');
    next.focus();
  });
}
