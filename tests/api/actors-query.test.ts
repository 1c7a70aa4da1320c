import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api, eventually, hogql } from '../support/api-client.js';
import { spawnWarren, type WarrenProcess } from '../support/spawn-warren.js';

/*
 * The people behind a number, through ActorsQuery. Events (project 1, UTC):
 *   anon-a  $pageview 2024-05-01 09:00, then identifies as user-a (email a@x.io) at 09:05
 *   user-b  $pageview 2024-05-01 10:00 and 11:00, $pageview 2024-05-02 10:00 (email b@y.io)
 *   user-c  $pageview 2024-05-02 12:00
 * So pageviews by day: 2024-05-01 = user-b ×2, user-a ×1 (as anon-a, merged); 2024-05-02 = user-b, user-c.
 */
let warren: WarrenProcess;

const pageviews = {
  kind: 'TrendsQuery',
  series: [{ kind: 'EventsNode', event: '$pageview' }],
  interval: 'day',
  dateRange: { date_from: '2024-05-01', date_to: '2024-05-02' },
};
const mayFirst = { kind: 'InsightActorsQuery', source: pageviews, day: '2024-05-01', series: 0 };
const actors = async (query: object) => {
  const res = await api(warren, 'POST', '/api/projects/1/query/', { query });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
};
const emails = (body: { results: { properties: { email?: string } }[][] }) => body.results.map((row) => row[0].properties.email ?? null);

before(async () => {
  warren = await spawnWarren();
  const event = (e: string, distinct_id: string, timestamp: string, properties: object = {}) => ({ event: e, distinct_id, timestamp, properties });
  const res = await fetch(`${warren.url}/batch/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      api_key: warren.token,
      batch: [
        event('$pageview', 'anon-a', '2024-05-01T09:00:00Z'),
        event('$identify', 'user-a', '2024-05-01T09:05:00Z', { $anon_distinct_id: 'anon-a', $set: { email: 'a@x.io' } }),
        event('$pageview', 'user-b', '2024-05-01T10:00:00Z', { $set: { email: 'b@y.io' } }),
        event('$pageview', 'user-b', '2024-05-01T11:00:00Z'),
        event('$pageview', 'user-b', '2024-05-02T10:00:00Z'),
        event('$pageview', 'user-c', '2024-05-02T12:00:00Z'),
      ],
    }),
  });
  assert.equal(res.status, 200);
  await eventually(async () => Number((await hogql(warren, 'select count() from events')).results[0][0]) === 6);
});
after(async () => warren?.stop());

test('the actors of a trends point are persons with their merged distinct ids, most events first', async () => {
  const body = await actors({ kind: 'ActorsQuery', source: mayFirst, select: ['actor', 'event_count'] });
  assert.deepEqual(body.columns, ['actor', 'event_count']);
  assert.deepEqual(emails(body), ['b@y.io', 'a@x.io']);
  assert.deepEqual(body.results.map((row: unknown[]) => row[1]), [2, 1]);
  const a = body.results[1][0];
  assert.deepEqual(a.distinct_ids.sort(), ['anon-a', 'user-a']);
  assert.equal(a.uuid, a.id);
  assert.equal(a.is_identified, true);
  assert.match(a.created_at, /^2024-05-01T/);
  assert.deepEqual([body.hasMore, body.limit, body.offset, body.missing_actors_count], [false, 100, 0, 0]);
  assert.equal(typeof body.hogql, 'string');
  assert.equal(body.is_cached, false);
});

test('actors queries run inside DataTableNode or on their own, and page with limit and offset', async () => {
  const wrapped = await actors({ kind: 'DataTableNode', source: { kind: 'ActorsQuery', source: mayFirst } });
  assert.deepEqual(emails(wrapped), ['b@y.io', 'a@x.io']);
  assert.deepEqual(emails(await actors(mayFirst)), ['b@y.io', 'a@x.io'], 'an InsightActorsQuery posted alone lists its actors');
  const second = await actors({ kind: 'ActorsQuery', source: { ...mayFirst, day: '2024-05-02' }, limit: 1, offset: 1 });
  assert.equal(second.results.length, 1);
  assert.equal(second.hasMore, false);
  const first = await actors({ kind: 'ActorsQuery', source: { ...mayFirst, day: '2024-05-02' }, limit: 1 });
  assert.equal(first.hasMore, true);
  assert.deepEqual(emails(first), ['b@y.io']);
});

test('search finds persons by email or distinct id; without a source every person is listed', async () => {
  assert.deepEqual(emails(await actors({ kind: 'ActorsQuery', source: mayFirst, search: 'X.IO' })), ['a@x.io']);
  assert.deepEqual(emails(await actors({ kind: 'ActorsQuery', search: 'anon-a' })), ['a@x.io']);
  const everyone = await actors({ kind: 'ActorsQuery', select: ['actor', 'properties.email'], orderBy: ['properties.email'] });
  // user-c has no email: NULLs sort last.
  assert.deepEqual(everyone.results.map((row: unknown[]) => row[1]), ['a@x.io', 'b@y.io', null]);
});

test('each insight kind opens its own points: lifecycle status, stickiness day count, retention cohort row', async () => {
  const range = { dateRange: { date_from: '2024-05-01', date_to: '2024-05-02' } };
  const series = [{ kind: 'EventsNode', event: '$pageview' }];
  const open = async (source: object, point: object) => emails(await actors({ kind: 'ActorsQuery', source: { kind: 'InsightActorsQuery', source, ...point } })).sort();
  const lifecycle = { kind: 'LifecycleQuery', series, interval: 'day', ...range };
  // 2024-05-02: user-c is seen first, user-b comes back, user-a stays away.
  assert.deepEqual(await open(lifecycle, { day: '2024-05-02', status: 'new' }), [null]);
  assert.deepEqual(await open(lifecycle, { day: '2024-05-02', status: 'returning' }), ['b@y.io']);
  assert.deepEqual(await open(lifecycle, { day: '2024-05-02', status: 'dormant' }), ['a@x.io']);
  const stickiness = { kind: 'StickinessQuery', series, interval: 'day', ...range };
  assert.deepEqual(await open(stickiness, { day: 1, series: 0 }), ['a@x.io', null]);
  assert.deepEqual(await open(stickiness, { day: 2, series: 0 }), ['b@y.io']);
  const retention = {
    kind: 'RetentionQuery',
    dateRange: { date_from: '2024-05-01', date_to: '2024-05-02' },
    retentionFilter: { period: 'Day', totalIntervals: 2, targetEntity: { id: '$pageview', type: 'events' }, returningEntity: { id: '$pageview', type: 'events' } },
  };
  // The 2024-05-01 cohort is user-a and user-b; only user-b came back the next day.
  assert.deepEqual(await open(retention, { interval: 0 }), ['a@x.io', 'b@y.io']);
  assert.deepEqual(await open(retention, { interval: 0, period: 1 }), ['b@y.io']);
});

test('a bad actors request is a 400 in PostHog error shape', async () => {
  const bad = await api(warren, 'POST', '/api/projects/1/query/', { query: { kind: 'ActorsQuery', source: { kind: 'InsightActorsQuery', source: { kind: 'NopeQuery' } } } });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.code, 'parse_error');
  const series = await api(warren, 'POST', '/api/projects/1/query/', { query: { kind: 'ActorsQuery', source: { ...mayFirst, series: 5 } } });
  assert.equal(series.status, 400);
  assert.equal(series.body.type, 'validation_error');
});
