import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { api, eventually, hogql } from '../support/api-client.js';
import { spawnWarren, type WarrenProcess } from '../support/spawn-warren.js';

/*
 * The query API as a client sees it: refresh modes and cache fields, async queries polled and cancelled, the
 * per-project concurrency limit, and PostHog-shaped errors. Events (project 1, UTC):
 *   user-1  $pageview 2024-05-01 10:00, $pageview 2024-05-02 10:00 (Chrome), signed_up 2024-05-02 11:00
 *   user-2  $pageview 2024-05-02 12:00 (Firefox)
 */
let warren: WarrenProcess;

const query = (body: object) => api(warren, 'POST', '/api/projects/1/query/', body);
const pageviews = {
  kind: 'TrendsQuery',
  series: [{ kind: 'EventsNode', event: '$pageview' }],
  interval: 'day',
  dateRange: { date_from: '2024-05-01', date_to: '2024-05-03' },
};
/** A HogQL query that keeps chDB busy for a while (hundreds of ms); `n` makes each one a different query. */
const slow = (n: number) => ({ kind: 'HogQLQuery', query: `select count(), ${n} from (select arrayJoin(range(3000000)) as x) where SHA256(toString(x)) like '%abcd%'` });

before(async () => {
  warren = await spawnWarren();
  const res = await fetch(`${warren.url}/batch/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      api_key: warren.token,
      batch: [
        { event: '$pageview', distinct_id: 'user-1', properties: { $browser: 'Chrome' }, timestamp: '2024-05-01T10:00:00Z' },
        { event: '$pageview', distinct_id: 'user-1', properties: { $browser: 'Chrome' }, timestamp: '2024-05-02T10:00:00Z' },
        { event: 'signed_up', distinct_id: 'user-1', timestamp: '2024-05-02T11:00:00Z' },
        { event: '$pageview', distinct_id: 'user-2', properties: { $browser: 'Firefox' }, timestamp: '2024-05-02T12:00:00Z' },
      ],
    }),
  });
  assert.equal(res.status, 200);
  await eventually(async () => Number((await hogql(warren, 'select count() from events')).results[0][0]) === 4);
});
after(async () => warren?.stop());

test('an identical query is answered from the cache with the same refresh time; refresh: true computes again', async () => {
  const q = { kind: 'HogQLQuery', query: 'select event, count() from events group by event order by event' };
  const first = await query({ query: q });
  assert.equal(first.status, 200);
  assert.deepEqual(first.body.results, [['$pageview', 3], ['signed_up', 1]]);
  assert.equal(first.body.is_cached, false);
  assert.match(first.body.cache_key, /^cache_[0-9a-f]{32}$/);
  assert.equal(first.body.timezone, 'UTC');
  assert.equal(first.body.calculation_trigger, null);
  const refreshed = Date.parse(first.body.last_refresh);
  assert.equal(Date.parse(first.body.cache_target_age) - refreshed, 6 * 3_600_000, 'SQL is fresh for 6 hours');
  assert.equal(Date.parse(first.body.next_allowed_client_refresh) - refreshed, 60_000);

  const again = await query({ refresh: 'blocking', query: { query: q.query, kind: 'HogQLQuery' } });
  assert.equal(again.body.is_cached, true);
  assert.equal(again.body.cache_key, first.body.cache_key, 'key order does not change the key');
  assert.equal(again.body.last_refresh, first.body.last_refresh);
  assert.deepEqual(again.body.results, first.body.results);
  assert.equal((await query({ query: q, refresh: 'force_cache' })).body.is_cached, true, 'force_cache reads the cache on /query/');

  const forced = await query({ query: q, refresh: true });
  assert.equal(forced.body.is_cached, false);
  assert.ok(Date.parse(forced.body.last_refresh) >= refreshed);
  const events = { kind: 'EventsQuery', select: ['event'], after: '2024-01-01', orderBy: ['timestamp'] };
  await query({ query: events });
  assert.equal((await query({ query: events })).body.is_cached, true, 'EventsQuery is cached as well');
});

test('an insight inside InsightVizNode runs and caches; filters_override changes the answer and the cache key', async () => {
  const viz = { kind: 'InsightVizNode', source: pageviews };
  const first = await query({ query: viz });
  assert.equal(first.status, 200, JSON.stringify(first.body));
  assert.deepEqual(first.body.results[0].data, [1, 2, 0]);
  assert.equal(first.body.results[0].count, 3);
  assert.equal(typeof first.body.hogql, 'string');
  const again = await query({ query: pageviews });
  assert.equal(again.body.is_cached, true, 'the wrapper does not change the cache key');
  const overridden = await query({ query: viz, filters_override: { date_from: '2024-05-02', date_to: '2024-05-02', properties: [{ key: '$browser', value: 'Firefox', operator: 'exact', type: 'event' }] } });
  assert.equal(overridden.status, 200, JSON.stringify(overridden.body));
  assert.deepEqual(overridden.body.results[0].data, [1]);
  assert.equal(overridden.body.is_cached, false);
  assert.notEqual(overridden.body.cache_key, first.body.cache_key);
});

test('date_from "all" starts at the project first event', async () => {
  const all = await query({ query: { ...pageviews, dateRange: { date_from: 'all', date_to: '2024-05-03' } } });
  assert.equal(all.status, 200, JSON.stringify(all.body));
  assert.equal(all.body.results[0].days[0], '2024-05-01');
  assert.deepEqual(all.body.results[0].data, [1, 2, 0]);
});

test('async: an uncached query answers 202 with its status, the poll turns 200 with the results, then the cache answers', async () => {
  const id = randomUUID();
  const q = { ...pageviews, series: [{ kind: 'EventsNode', event: 'signed_up' }] };
  const accepted = await query({ query: q, refresh: 'async', client_query_id: id });
  assert.equal(accepted.status, 202, JSON.stringify(accepted.body));
  assert.equal(accepted.body.query_status.id, id);
  assert.equal(accepted.body.query_status.query_async, true);
  assert.equal(accepted.body.query_status.team_id, 1);
  assert.equal(typeof accepted.body.cache_key, 'string');

  const done = await eventually(async () => {
    const poll = await api(warren, 'GET', `/api/projects/1/query/${id}/`);
    assert.ok(poll.status === 200 || poll.status === 202, `poll answered ${poll.status}`);
    return poll.status === 200 ? poll.body : null;
  });
  assert.equal(done.query_status.complete, true);
  assert.equal(done.query_status.error, false);
  assert.deepEqual(done.query_status.results.results[0].data, [0, 1, 0]);
  assert.equal(done.query_status.results.cache_key, accepted.body.cache_key);

  const cached = await query({ query: q, refresh: 'async' });
  assert.equal(cached.status, 200);
  assert.equal(cached.body.is_cached, true);
  const forced = await query({ query: q, refresh: 'force_async', client_query_id: randomUUID() });
  assert.equal(forced.status, 202, 'force_async always computes in the background');
  assert.deepEqual(Object.keys(forced.body), ['query_status']);
});

test('async_except_on_cache_miss and lazy_async: a miss computes in the request for the first, in the background for the second', async () => {
  const q = { kind: 'HogQLQuery', query: 'select count() from events where event = {e}', values: { e: 'signed_up' } };
  const sync = await query({ query: q, refresh: 'async_except_on_cache_miss' });
  assert.equal(sync.status, 200);
  assert.deepEqual(sync.body.results, [[1]]);
  const lazy = await query({ query: { ...q, values: { e: '$pageview' } }, refresh: 'lazy_async' });
  assert.equal(lazy.status, 202);
});

test('an async query can be cancelled: DELETE answers a message and the query is gone', async () => {
  const id = randomUUID();
  const accepted = await query({ query: slow(1), refresh: 'force_async', client_query_id: id });
  assert.equal(accepted.status, 202);
  const cancelled = await api(warren, 'DELETE', `/api/projects/1/query/${id}/`);
  assert.equal(cancelled.status, 200);
  assert.deepEqual(cancelled.body, { message: 'Query cancelled' });
  assert.equal((await api(warren, 'GET', `/api/projects/1/query/${id}/`)).status, 404);
  assert.equal((await api(warren, 'GET', '/api/projects/1/query/never-started/')).status, 404);
});

test('a failing async query polls as 400 with its message', async () => {
  const id = randomUUID();
  await query({ query: { kind: 'HogQLQuery', query: 'select nope from events' }, refresh: 'force_async', client_query_id: id });
  const failed = await eventually(async () => {
    const poll = await api(warren, 'GET', `/api/projects/1/query/${id}/`);
    return poll.status === 202 ? null : poll;
  });
  assert.equal(failed.status, 400);
  assert.equal(failed.body.query_status.error, true);
  assert.match(failed.body.query_status.error_message, /nope/);
});

test('more queries than a project may run at once are refused with 429 in PostHog error shape', async () => {
  const responses = await Promise.all(
    Array.from({ length: 12 }, (_, i) =>
      fetch(`${warren.url}/api/projects/1/query/`, {
        method: 'POST',
        headers: { authorization: `Bearer ${warren.personalApiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ query: slow(100 + i), refresh: 'force_blocking' }),
      }),
    ),
  );
  const statuses = responses.map((r) => r.status);
  const refused = responses.filter((r) => r.status === 429);
  assert.ok(statuses.every((s) => s === 200 || s === 429), statuses.join());
  // 3 run and 6 wait; the rest cannot even queue.
  assert.ok(refused.length >= 3, statuses.join());
  assert.ok(statuses.filter((s) => s === 200).length >= 3, statuses.join());
  const body = await refused[0].json();
  assert.equal(body.type, 'throttled_error');
  assert.equal(body.code, 'throttled');
  assert.equal(body.attr, null);
  assert.match(body.detail, /at most 3/);
  assert.ok(Number(refused[0].headers.get('retry-after')) > 0);
  await Promise.all(responses.filter((r) => r.status === 200).map((r) => r.json()));
});

test('an unknown kind, a bad refresh value and a bad query are 400s in PostHog error shape', async () => {
  const unknown = await query({ query: { kind: 'NopeQuery' } });
  assert.equal(unknown.status, 400);
  assert.deepEqual(Object.keys(unknown.body).sort(), ['attr', 'code', 'detail', 'type']);
  assert.equal(unknown.body.type, 'invalid_request');
  assert.equal(unknown.body.code, 'parse_error');
  const refresh = await query({ query: pageviews, refresh: 'sometimes' });
  assert.equal(refresh.status, 400);
  assert.equal(refresh.body.code, 'parse_error');
  const bad = await query({ query: { ...pageviews, interval: 'fortnight' } });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.type, 'validation_error');
  assert.match(bad.body.detail, /fortnight|interval/i);
  const missing = await query({ query: { kind: 'TrendsQuery', series: [{ kind: 'ActionsNode', id: 999 }] } });
  assert.equal(missing.status, 400);
  assert.match(missing.body.detail, /999/);
});
