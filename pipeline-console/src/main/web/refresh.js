/**
 * Keeps a page up to date: loads now, then again a while after each load ends (never two loads at
 * once), until the page is left.
 */

/**
 * @param {AbortSignal} signal aborted when the page is left
 * @param {() => number} delay milliseconds from the end of a load to the next
 * @param {() => Promise<void>} load shows what it loads; its failures are its own to show
 * @returns {Promise<void>} the first load
 */
export function refreshEvery(signal, delay, load) {
  let timer;
  const next = () => {
    if (signal.aborted) return;
    timer = setTimeout(() => run().finally(next), delay());
  };
  const run = () => load().catch(() => {});
  signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  const first = load();
  first.catch(() => {}).finally(next);
  return first;
}
