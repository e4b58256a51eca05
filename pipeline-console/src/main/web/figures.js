/** How the operations pages write figures: counts, rates and spans of time. Pure. */

const UNITS = [
  ['d', 86400],
  ['h', 3600],
  ['min', 60],
  ['s', 1],
];

/** A count with the reader's digit grouping, e.g. 12,345. */
export function formatCount(count) {
  return typeof count === 'number' ? Math.round(count).toLocaleString('en-US') : '';
}

/** Records per second, short: "0/s", "0.25/s", "12/s", "1.5k/s". */
export function formatRate(perSecond) {
  if (typeof perSecond !== 'number' || !Number.isFinite(perSecond)) return '';
  if (perSecond >= 1000) return `${trim(perSecond / 1000, 1)}k/s`;
  if (perSecond >= 10) return `${Math.round(perSecond)}/s`;
  return `${trim(perSecond, 2)}/s`;
}

/**
 * A span of seconds in its two largest units: "45 s", "3 min 20 s", "2 h 5 min", "1 d 2 h"; under
 * a second is "0 s".
 */
export function formatSpan(seconds) {
  const whole = Math.max(0, Math.floor(seconds));
  for (let i = 0; i < UNITS.length; i++) {
    const [unit, size] = UNITS[i];
    const count = Math.floor(whole / size);
    if (count > 0 || unit === 's') {
      const next = UNITS[i + 1];
      const rest = next ? Math.floor((whole - count * size) / next[1]) : 0;
      return rest > 0 ? `${count} ${unit} ${rest} ${next[0]}` : `${count} ${unit}`;
    }
  }
  return '0 s';
}

function trim(value, digits) {
  return String(Number(value.toFixed(digits)));
}
