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
