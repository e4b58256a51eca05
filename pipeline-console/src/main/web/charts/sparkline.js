/**
 * Sparklines: a small line chart of a series over time, drawn in SVG from zero to the series'
 * highest value, with a text equivalent (first and last time, lowest, highest and last value) as
 * its accessible name. {@link sparklineModel} is pure; {@link sparkline} draws it.
 */
import { svg } from '../dom.js';

/**
 * @typedef {{at: number, value: number}} Point a value at a time (epoch seconds)
 * @typedef {{points: string, area: string, min: number, max: number, last: number, count: number}} Model
 */

/**
 * Where a series' points go in a box of `width` × `height`: time left to right, values bottom
 * (zero) to top (the highest value; a series of zeros lies on the bottom).
 *
 * @param {Point[]} series in time order
 * @returns {Model | null} null for an empty series
 */
export function sparklineModel(series, width, height) {
  if (series.length === 0) return null;
  const values = series.map((point) => point.value);
  const max = Math.max(...values);
  const min = Math.min(...values);
  const first = series[0].at;
  const span = series[series.length - 1].at - first;
  const pad = 1.5;
  const x = (at) => (span > 0 ? ((at - first) / span) * (width - 2 * pad) + pad : width / 2);
  const y = (value) => height - pad - (max > 0 ? (value / max) * (height - 2 * pad) : 0);
  const coordinates = series.map((point) => `${round(x(point.at))},${round(y(point.value))}`);
  const bottom = round(height - pad);
  const left = round(x(series[0].at));
  const right = round(x(series[series.length - 1].at));
  return {
    points: coordinates.join(' '),
    area: `${left},${bottom} ${coordinates.join(' ')} ${right},${bottom}`,
    min,
    max,
    last: values[values.length - 1],
    count: series.length,
  };
}

/**
 * The text a sparkline stands for, e.g. "Rate of orders: min 0/s, max 4.5/s, last 2/s".
 *
 * @param {string} what what the series measures
 * @param {Model | null} model
 * @param {(value: number) => string} format writes a value with its unit
 */
export function sparklineText(what, model, format) {
  if (model === null) return `${what}: no samples yet`;
  return `${what}: min ${format(model.min)}, max ${format(model.max)}, last ${format(model.last)}`;
}

/**
 * A sparkline as an SVG image whose accessible name is {@link sparklineText}.
 *
 * @param {Point[]} series
 * @param {{what: string, format: (value: number) => string, width?: number, height?: number}} options
 */
export function sparkline(series, { what, format, width = 120, height = 28 }) {
  const model = sparklineModel(series, width, height);
  const text = sparklineText(what, model, format);
  return svg(
    'svg',
    {
      class: 'sparkline',
      width,
      height,
      viewBox: `0 0 ${width} ${height}`,
      role: 'img',
      'aria-label': text,
      'data-min': model?.min,
      'data-max': model?.max,
      'data-last': model?.last,
    },
    svg('title', {}, text),
    model === null
      ? null
      : [
          svg('polygon', { class: 'sparkline-area', points: model.area }),
          svg('polyline', { class: 'sparkline-line', points: model.points }),
        ],
  );
}

function round(value) {
  return Math.round(value * 10) / 10;
}
