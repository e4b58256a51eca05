/**
 * Executions page by page, newest first, of one state machine or of several (ListExecutions lists
 * one machine at a time: the pages of each are merged by start date). The status filter is the
 * API's; name and start time are filtered here, while paging. Pure: the pages come from a
 * function given to it.
 */

/**
 * @typedef {{status?: string, name?: string, startedAfter?: number, startedBefore?: number}} ExecutionFilter
 *   `name`: a part of the name, any case; times in seconds since the epoch, as the API's dates.
 * @typedef {(stateMachineArn: string, nextToken?: string) => Promise<{executions?: object[], nextToken?: string}>} PageSource
 */

/** How many executions one `next` looks at, at most, before it answers with what it found. */
export const MAX_SCANNED = 5000;

/** How many machines are asked for a page at once. */
const CONCURRENT = 4;

/**
 * @param {{machines: string[], pages: PageSource, filter?: ExecutionFilter}} options
 */
export function executionPager({ machines, pages, filter = {} }) {
  const cursors = machines.map((arn) => ({ arn, buffer: [], nextToken: undefined, done: false }));
  const name = filter.name?.trim().toLowerCase() ?? '';
  const fill = async () => {
    const empty = cursors.filter((cursor) => cursor.buffer.length === 0 && !cursor.done);
    while (empty.length > 0) {
      await Promise.all(
        empty.splice(0, CONCURRENT).map(async (cursor) => {
          const page = await pages(cursor.arn, cursor.nextToken);
          cursor.buffer.push(...(page.executions ?? []));
          cursor.nextToken = page.nextToken;
          cursor.done = !page.nextToken;
        }),
      );
    }
  };
  const newest = () => {
    let best = null;
    for (const cursor of cursors) {
      if (
        cursor.buffer.length > 0 &&
        (!best || cursor.buffer[0].startDate > best.buffer[0].startDate)
      )
        best = cursor;
    }
    return best;
  };
  return {
    /**
     * The next executions that pass the filter.
     *
     * @param {number} count how many at most
     * @returns {Promise<{executions: object[], more: boolean, scanned: number}>} `more` while some
     *   are left to look at
     */
    async next(count) {
      const executions = [];
      let scanned = 0;
      while (executions.length < count && scanned < MAX_SCANNED) {
        await fill();
        const cursor = newest();
        if (cursor === null) break;
        const execution = cursor.buffer.shift();
        scanned++;
        if (filter.startedAfter !== undefined && execution.startDate < filter.startedAfter) {
          // Newest first: the rest of this machine's executions started earlier still.
          cursor.buffer = [];
          cursor.done = true;
          continue;
        }
        if (filter.startedBefore !== undefined && execution.startDate > filter.startedBefore)
          continue;
        if (name && !String(execution.name).toLowerCase().includes(name)) continue;
        executions.push(execution);
      }
      const more = cursors.some((cursor) => cursor.buffer.length > 0 || !cursor.done);
      return { executions, more, scanned };
    },
  };
}

/** The filter of a console address's query: `?status=FAILED&name=etl&after=...&before=...`. */
export function filterOf(searchParams) {
  const time = (value) => {
    const millis = value ? Date.parse(value) : NaN;
    return Number.isNaN(millis) ? undefined : millis / 1000;
  };
  return {
    status: searchParams.get('status') || undefined,
    name: searchParams.get('name') || undefined,
    startedAfter: time(searchParams.get('after')),
    startedBefore: time(searchParams.get('before')),
  };
}
