/**
 * Reads an execution's history through GetExecutionHistory only, as the AWS API has it: first
 * every event, oldest first, a thousand at a time; then, while the execution runs, only the events
 * added since the last one read. A history page token ends where the history ended when it was
 * written, so the new events are found from the other end: newest-first pages until one reaches an
 * event already read, small while little happens, larger when a poll had more to bring.
 */

/** Events per page of the first reading: the most the API gives. */
export const HISTORY_PAGE = 1000;

const FIRST_POLL = 20;

/**
 * @param {(action: string, input: object) => Promise<object>} call the API (api.js's `call`)
 * @param {string} executionArn
 */
export function historyReader(call, executionArn) {
  let lastEventId = 0;
  let pollSize = FIRST_POLL;
  const page = (input) => call('GetExecutionHistory', { executionArn, ...input });
  return {
    /** The id of the last event read. */
    get lastEventId() {
      return lastEventId;
    },

    /**
     * Reads the history from its first event, handing each page's events on as it comes.
     *
     * @param {(events: object[]) => void} onEvents
     * @param {AbortSignal} [signal] stops between pages
     */
    async readAll(onEvents, signal) {
      let nextToken;
      do {
        const answer = await page({
          maxResults: HISTORY_PAGE,
          ...(nextToken ? { nextToken } : {}),
        });
        const events = (answer.events ?? []).filter((event) => event.id > lastEventId);
        if (events.length > 0) {
          lastEventId = events.at(-1).id;
          onEvents(events);
        }
        nextToken = answer.nextToken;
      } while (nextToken && !signal?.aborted);
    },

    /**
     * The events after the last one read, oldest first.
     *
     * @returns {Promise<object[]>}
     */
    async readNew() {
      const found = [];
      let nextToken;
      for (;;) {
        const answer = await page({
          reverseOrder: true,
          maxResults: pollSize,
          ...(nextToken ? { nextToken } : {}),
        });
        const events = answer.events ?? [];
        const fresh = events.filter((event) => event.id > lastEventId);
        found.push(...fresh);
        if (fresh.length < events.length || !answer.nextToken) break;
        nextToken = answer.nextToken;
      }
      pollSize = Math.min(HISTORY_PAGE, Math.max(FIRST_POLL, found.length * 2));
      found.sort((a, b) => a.id - b.id);
      if (found.length > 0) lastEventId = found.at(-1).id;
      return found;
    },
  };
}
