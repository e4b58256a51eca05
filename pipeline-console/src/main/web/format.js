/** How the pages write values. */

/** A Step Functions date (seconds since the epoch, as the API answers it) in the reader's locale. */
export function formatDate(epochSeconds) {
  if (typeof epochSeconds !== 'number') return '';
  return new Date(epochSeconds * 1000).toLocaleString();
}

/** The page of a state machine. */
export function stateMachinePath(arn) {
  return `/console/state-machines/${encodeURIComponent(arn)}`;
}

/** Standard or Express, as the API's STANDARD and EXPRESS read. */
export function typeName(type) {
  return typeof type === 'string' ? type.charAt(0) + type.slice(1).toLowerCase() : '';
}

/** The page of an execution. */
export function executionPath(arn) {
  return `/console/executions/${encodeURIComponent(arn)}`;
}

/** A Step Functions date as the time of day with milliseconds, for events close together. */
export function formatTime(epochSeconds) {
  if (typeof epochSeconds !== 'number') return '';
  return new Date(epochSeconds * 1000).toLocaleTimeString(undefined, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    fractionalSecondDigits: 3,
  });
}

/** A duration in seconds, in the largest units that fit: `850 ms`, `12.4 s`, `3 min 20 s`. */
export function formatDuration(seconds) {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) return '';
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 60) return `${Number(seconds.toFixed(seconds < 10 ? 2 : 1))} s`;
  const whole = Math.round(seconds);
  if (whole < 3600) return `${Math.floor(whole / 60)} min ${whole % 60} s`;
  if (whole < 86400) return `${Math.floor(whole / 3600)} h ${Math.floor((whole % 3600) / 60)} min`;
  return `${Math.floor(whole / 86400)} d ${Math.floor((whole % 86400) / 3600)} h`;
}
