import assert from 'node:assert/strict';
import { test } from 'node:test';
import { executionPager, filterOf } from '../../main/web/execution/listing.js';

/** ListExecutions over fixed executions per machine, newest first, `size` a page. */
function fakePages(byMachine, size) {
  const asked = [];
  const pages = async (arn, nextToken) => {
    asked.push([arn, nextToken ?? null]);
    const all = byMachine[arn];
    const from = nextToken ? Number(nextToken) : 0;
    const executions = all.slice(from, from + size);
    return from + size < all.length
      ? { executions, nextToken: String(from + size) }
      : { executions };
  };
  return { pages, asked };
}

const executions = (machine, starts) =>
  starts.map((startDate) => ({ name: `${machine}-${startDate}`, startDate, status: 'SUCCEEDED' }));

test('shouldMergeMachinesNewestFirstWhenSeveralAreListed', async () => {
  // given
  const api = fakePages(
    { a: executions('a', [90, 50, 10]), b: executions('b', [80, 70, 20, 5]) },
    2,
  );
  const pager = executionPager({ machines: ['a', 'b'], pages: api.pages });

  // when
  const first = await pager.next(4);
  const second = await pager.next(4);

  // then
  assert.deepEqual(
    first.executions.map((e) => e.name),
    ['a-90', 'b-80', 'b-70', 'a-50'],
  );
  assert.equal(first.more, true);
  assert.deepEqual(
    second.executions.map((e) => e.name),
    ['b-20', 'a-10', 'b-5'],
  );
  assert.equal(second.more, false);
});

test('shouldKeepOnlyMatchingNamesAndTimesWhenFiltered', async () => {
  // given
  const byMachine = { a: executions('a', [100, 90, 80, 70, 60, 50, 40, 30, 20, 10]) };
  byMachine.a[2].name = 'Nightly-ETL';
  byMachine.a[5].name = 'etl-rerun';
  const api = fakePages(byMachine, 3);
  const pager = executionPager({
    machines: ['a'],
    pages: api.pages,
    filter: { name: 'ETL', startedBefore: 85, startedAfter: 45 },
  });

  // when
  const page = await pager.next(10);

  // then
  assert.deepEqual(
    page.executions.map((e) => e.name),
    ['Nightly-ETL', 'etl-rerun'],
  );
  assert.equal(page.more, false);
  // Pages stop at the first execution older than startedAfter: 40 is on the third page.
  assert.equal(api.asked.length, 3);
});

test('shouldAnswerWhatItFoundAndMoreWhenTooManyDoNotMatch', async () => {
  // given
  const starts = Array.from({ length: 6000 }, (_, i) => 10000 - i);
  const api = fakePages({ a: executions('a', starts) }, 1000);
  const pager = executionPager({ machines: ['a'], pages: api.pages, filter: { name: 'none' } });

  // when
  const page = await pager.next(50);

  // then
  assert.deepEqual(page.executions, []);
  assert.equal(page.scanned, 5000);
  assert.equal(page.more, true);
});

test('shouldReadStatusNameAndTimesWhenTheAddressHasThem', () => {
  // given
  const query = new URLSearchParams(
    'status=FAILED&name=etl&after=2026-01-01T00:00:00Z&before=not-a-date',
  );

  // when
  const filter = filterOf(query);

  // then
  assert.deepEqual(filter, {
    status: 'FAILED',
    name: 'etl',
    startedAfter: Date.parse('2026-01-01T00:00:00Z') / 1000,
    startedBefore: undefined,
  });
});
