import assert from 'node:assert/strict';
import { test } from 'node:test';
import { historyReader } from '../../main/web/execution/history.js';

/**
 * GetExecutionHistory as the orchestrator answers it, over a history that grows: pages of
 * maxResults, either order, and a token only while a full page leaves events after it.
 */
function fakeApi(count) {
  const events = [];
  const grow = (n) => {
    for (let i = 0; i < n; i++) events.push({ id: events.length + 1, type: 'PassStateEntered' });
  };
  grow(count);
  const requests = [];
  const call = async (action, input) => {
    assert.equal(action, 'GetExecutionHistory');
    requests.push(input);
    const after = input.nextToken ? Number(input.nextToken) : input.reverseOrder ? Infinity : 0;
    const ordered = input.reverseOrder ? [...events].reverse() : events;
    const page = ordered
      .filter((e) => (input.reverseOrder ? e.id < after : e.id > after))
      .slice(0, input.maxResults);
    const last = page.at(-1)?.id;
    const more =
      page.length === input.maxResults && (input.reverseOrder ? last > 1 : last < events.length);
    return { events: page, ...(more ? { nextToken: String(last) } : {}) };
  };
  return { call, grow, requests };
}

test('shouldReadEveryEventOncePageByPageWhenTheHistoryIsRead', async () => {
  // given
  const api = fakeApi(2500);
  const reader = historyReader(api.call, 'arn');
  const pages = [];

  // when
  await reader.readAll((events) => pages.push(events.map((e) => e.id)));

  // then
  assert.deepEqual(
    pages.map((ids) => [ids[0], ids.at(-1)]),
    [
      [1, 1000],
      [1001, 2000],
      [2001, 2500],
    ],
  );
  assert.equal(reader.lastEventId, 2500);
});

test('shouldFetchOnlyTheNewEventsInOneSmallPageWhenAFewWereAdded', async () => {
  // given
  const api = fakeApi(2500);
  const reader = historyReader(api.call, 'arn');
  await reader.readAll(() => {});
  api.grow(5);
  api.requests.length = 0;

  // when
  const fresh = await reader.readNew();
  const none = await reader.readNew();

  // then
  assert.deepEqual(
    fresh.map((e) => e.id),
    [2501, 2502, 2503, 2504, 2505],
  );
  assert.deepEqual(none, []);
  assert.deepEqual(
    api.requests.map((r) => [r.reverseOrder, r.maxResults]),
    [
      [true, 20],
      [true, 20],
    ],
  );
});

test('shouldPageBackUntilItMeetsWhatItReadAndGrowItsPagesWhenManyEventsArrive', async () => {
  // given
  const api = fakeApi(10);
  const reader = historyReader(api.call, 'arn');
  await reader.readAll(() => {});
  api.grow(50);
  api.requests.length = 0;

  // when
  const fresh = await reader.readNew();
  api.grow(1);
  await reader.readNew();

  // then
  assert.deepEqual(
    fresh.map((e) => e.id),
    Array.from({ length: 50 }, (_, i) => 11 + i),
  );
  assert.deepEqual(
    api.requests.map((r) => r.maxResults),
    [20, 20, 20, 100],
  );
  assert.equal(reader.lastEventId, 61);
});
