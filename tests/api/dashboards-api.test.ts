import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import { hashApiKey } from '../../apps/server/src/auth/api-key-format.js';
import { api, eventually, hogql } from '../support/api-client.js';
import { spawnWarren, type WarrenProcess } from '../support/spawn-warren.js';

/*
 * Saved insights, dashboards and sharing links through the REST API, driven as a script written for PostHog's API
 * would drive them. Events (project 1, UTC):
 *   u1  $pageview 2024-05-01, 2024-05-02, 2024-05-03; signed_up 2024-05-01 (after the pageview)
 *   u2  $pageview 2024-05-02
 *   u3  $pageview 2024-05-05
 * so daily pageviews over 2024-05-01…07 are [1, 2, 1, 0, 1, 0, 0].
 */
let warren: WarrenProcess;

const P = '/api/projects/1';
const range = { date_from: '2024-05-01', date_to: '2024-05-07' };
const pageview = { kind: 'EventsNode', event: '$pageview' };
const trends = { kind: 'InsightVizNode', source: { kind: 'TrendsQuery', series: [pageview], interval: 'day', dateRange: range } };
const retention = {
  kind: 'InsightVizNode',
  source: {
    kind: 'RetentionQuery',
    dateRange: { date_from: '2024-05-01', date_to: '2024-05-03' },
    retentionFilter: { period: 'Day', totalIntervals: 3, targetEntity: { id: '$pageview', type: 'events' }, returningEntity: { id: '$pageview', type: 'events' } },
  },
};
const funnel = {
  kind: 'InsightVizNode',
  source: { kind: 'FunnelsQuery', series: [pageview, { kind: 'EventsNode', event: 'signed_up' }], dateRange: range, funnelsFilter: { funnelWindowInterval: 14, funnelWindowIntervalUnit: 'day' } },
};
const lifecycle = { kind: 'InsightVizNode', source: { kind: 'LifecycleQuery', series: [pageview], interval: 'day', dateRange: range } };

const ok = async (method: string, path: string, body?: unknown, status = 200) => {
  const res = await api(warren, method, path, body);
  assert.equal(res.status, status, `${method} ${path}: ${JSON.stringify(res.body)}`);
  return res.body;
};
const publicGet = (path: string) => fetch(warren.url + path).then(async (r) => ({ status: r.status, body: await r.json().catch(() => null) }));
const tileOf = (dashboard: { tiles: any[] }, insightId: number): any => dashboard.tiles.find((t) => t.insight?.id === insightId);

before(async () => {
  warren = await spawnWarren();
  const at = (distinctId: string, day: string) => ({ event: '$pageview', distinct_id: distinctId, timestamp: `2024-05-0${day}T10:00:00Z` });
  const res = await fetch(`${warren.url}/batch/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      api_key: warren.token,
      batch: [at('u1', '1'), at('u1', '2'), at('u1', '3'), at('u2', '2'), at('u3', '5'), { event: 'signed_up', distinct_id: 'u1', timestamp: '2024-05-01T12:00:00Z' }],
    }),
  });
  assert.equal(res.status, 200);
  await eventually(async () => Number((await hogql(warren, 'select count() from events')).results[0][0]) === 6);
});
after(async () => warren?.stop());

test('a dashboard of four insights and a text tile is built, computed, filtered, duplicated, shared and revoked', async () => {
  // Insights first, as a PostHog script saves them.
  const daily = await ok('POST', `${P}/insights/`, { name: 'Daily pageviews', query: trends, saved: true }, 201);
  assert.match(daily.short_id, /^[A-Za-z0-9]{8}$/);
  assert.deepEqual([daily.result, daily.is_cached, daily.last_refresh, daily.dashboards], [null, false, null, []], 'nothing computed on create');
  assert.deepEqual(daily.query, trends);
  assert.equal(daily.created_by.email, 'owner@example.com');
  const kept = await ok('POST', `${P}/insights/`, { name: 'Retention', query: retention }, 201);
  const growth = await ok('POST', `${P}/insights/`, { name: 'Growth accounting', query: lifecycle }, 201);
  const signups = await ok('POST', `${P}/insights/`, { name: 'Signup funnel', query: funnel }, 201);

  const board = await ok('POST', `${P}/dashboards/`, { name: 'Product KPIs', description: 'Weekly review', tags: ['kpi'] }, 201);
  assert.deepEqual([board.tiles, board.creation_mode, board.is_shared, board.deleted], [[], 'default', false, false]);
  for (const insight of [daily, kept, growth, signups]) {
    const patched = await ok('PATCH', `${P}/insights/${insight.id}/`, { dashboards: [board.id] });
    assert.deepEqual(patched.dashboards, [board.id]);
  }
  const withText = await ok('PATCH', `${P}/dashboards/${board.id}/`, { tiles: [{ text: { body: '## What we watch' }, layouts: { sm: { x: 0, y: 20, w: 12, h: 2 } } }] });
  const textTile = withText.tiles.find((t: { text: unknown }) => t.text !== null);
  assert.equal(textTile.text.body, '## What we watch');
  assert.equal(withText.tiles.length, 5);
  // Place the trends tile top left.
  const dailyTile = tileOf(withText, daily.id);
  await ok('PATCH', `${P}/dashboards/${board.id}/`, { tiles: [{ id: dailyTile.id, layouts: { sm: { x: 0, y: 0, w: 6, h: 5 } }, color: 'blue' }] });

  const computed = await ok('GET', `${P}/dashboards/${board.id}/?refresh=blocking`);
  assert.equal(computed.tiles.length, 5);
  assert.equal(computed.tiles[0].id, dailyTile.id, 'tiles in reading order');
  assert.deepEqual([computed.tiles[0].color, computed.tiles[0].layouts.sm], ['blue', { x: 0, y: 0, w: 6, h: 5 }]);
  assert.equal(computed.tiles[1].text.body, '## What we watch', 'then the text tile; tiles without a layout come last');
  const dailyResult = tileOf(computed, daily.id).insight;
  assert.deepEqual(dailyResult.result[0].data, [1, 2, 1, 0, 1, 0, 0]);
  assert.equal(dailyResult.result[0].count, 5);
  assert.equal(dailyResult.is_cached, false);
  assert.ok(dailyResult.last_refresh);
  const retentionRows = (tileOf(computed, kept.id).insight).result;
  assert.deepEqual(retentionRows.map((r: { label: string }) => r.label), ['Day 0', 'Day 1', 'Day 2']);
  const counts = retentionRows.map((r: { values: { count: number }[] }) => r.values.map((v) => v.count));
  assert.deepEqual(counts, [[1, 1, 1], [2, 1], [1]], 'u1 from May 1 every day; u1 and u2 on May 2, u1 back on May 3');
  const statuses = (tileOf(computed, growth.id).insight).result.map((r: { status: string }) => r.status).sort();
  assert.deepEqual(statuses, ['dormant', 'new', 'resurrecting', 'returning']);
  const steps = tileOf(computed, signups.id).insight.result;
  assert.deepEqual(steps.map((s: { count: number; order: number }) => [s.order, s.count]), [[0, 3], [1, 1]], 'three viewed, u1 signed up');
  assert.ok(computed.last_refresh);

  const cached = await ok('GET', `${P}/dashboards/${board.id}/`);
  assert.equal((tileOf(cached, daily.id).insight).is_cached, true, 'without refresh the cache answers');
  assert.deepEqual((tileOf(cached, daily.id).insight).result, dailyResult.result);
  assert.equal(cached.tiles[0].is_cached, true, 'a tile says whether its insight came from the cache');

  // A dashboard date range overrides every tile's.
  const filtered = await ok('PATCH', `${P}/dashboards/${board.id}/`, { filters: { date_from: '2024-05-02', date_to: '2024-05-03' } });
  assert.deepEqual(filtered.persisted_filters, { date_from: '2024-05-02', date_to: '2024-05-03' });
  const refreshed = await ok('GET', `${P}/dashboards/${board.id}/?refresh=blocking`);
  const narrowed = tileOf(refreshed, daily.id).insight;
  assert.deepEqual(narrowed.result[0].data, [2, 1]);
  assert.equal(narrowed.query.source.dateRange.date_from, '2024-05-02', 'the tile shows the query it was computed with');
  const alone = await ok('GET', `${P}/insights/${daily.id}/?refresh=blocking`);
  assert.deepEqual(alone.result[0].data, [1, 2, 1, 0, 1, 0, 0], 'the insight itself keeps its own range');
  const viaDashboard = await ok('GET', `${P}/insights/${daily.id}/?refresh=blocking&from_dashboard=${board.id}`);
  assert.deepEqual(viaDashboard.result[0].data, [2, 1]);
  const overridden = await ok('GET', `${P}/dashboards/${board.id}/?refresh=blocking&filters_override=${encodeURIComponent(JSON.stringify({ date_from: '2024-05-05', date_to: '2024-05-05' }))}`);
  assert.deepEqual((tileOf(overridden, daily.id).insight).result[0].data, [1]);

  // Duplicates: the same insights, or copies of them.
  const copy = await ok('POST', `${P}/dashboards/`, { name: 'KPIs (copy)', use_dashboard: board.id }, 201);
  assert.equal(copy.creation_mode, 'duplicate');
  assert.deepEqual(copy.persisted_filters, filtered.persisted_filters);
  assert.deepEqual(copy.tiles.map((t: any) => t.insight?.id ?? t.text.body).sort(), [daily.id, kept.id, growth.id, signups.id, '## What we watch'].sort());
  const deep = await ok('POST', `${P}/dashboards/`, { name: 'KPIs (deep copy)', use_dashboard: board.id, duplicate_tiles: true }, 201);
  const copies = deep.tiles.filter((t: any) => t.insight).map((t: any) => t.insight);
  assert.deepEqual(copies.map((i: any) => i.name).sort(), ['Daily pageviews (Copy)', 'Growth accounting (Copy)', 'Retention (Copy)', 'Signup funnel (Copy)']);
  assert.ok(copies.every((i: any) => ![daily.id, kept.id, growth.id, signups.id].includes(i.id)));
  assert.deepEqual((await ok('GET', `${P}/insights/${daily.id}/`)).dashboards.sort(), [board.id, copy.id].sort());

  // Share by secret link, read it without credentials, revoke it.
  const off = await ok('GET', `${P}/dashboards/${board.id}/sharing/`);
  assert.deepEqual([off.enabled, off.access_token], [false, null]);
  const sharing = await ok('PATCH', `${P}/dashboards/${board.id}/sharing/`, { enabled: true });
  assert.equal(sharing.enabled, true);
  assert.match(sharing.access_token, /^[A-Za-z0-9_-]{32}$/);
  assert.ok(sharing.created_at);
  assert.equal((await ok('GET', `${P}/dashboards/${board.id}/`)).is_shared, true);
  const seen = await publicGet(`/shared/${sharing.access_token}.json`);
  assert.equal(seen.status, 200);
  assert.equal(seen.body.dashboard.name, 'Product KPIs');
  assert.deepEqual((tileOf(seen.body.dashboard, daily.id).insight).result[0].data, [2, 1], 'with the dashboard filters');
  assert.equal(seen.body.dashboard.created_by, null, 'no users through a shared link');
  assert.deepEqual((tileOf(seen.body.dashboard, daily.id).insight).dashboards, [board.id], 'no other dashboards');
  assert.equal(JSON.stringify(seen.body).includes('owner@example.com'), false);
  assert.equal((await publicGet(`/api/shared/${sharing.access_token}/`)).status, 200);
  assert.equal((await publicGet(`/shared/${sharing.access_token}`)).body.dashboard.id, board.id);
  assert.equal((await publicGet(`${P}/dashboards/${board.id}/`)).status, 401, 'the link opens nothing else');

  await ok('PATCH', `${P}/dashboards/${board.id}/sharing/`, { enabled: false });
  const revoked = await publicGet(`/shared/${sharing.access_token}.json`);
  assert.equal(revoked.status, 404);
  assert.equal(revoked.body.code, 'not_found');
  await ok('PATCH', `${P}/dashboards/${board.id}/sharing/`, { enabled: true });
  const rotated = await ok('POST', `${P}/dashboards/${board.id}/sharing/refresh/`);
  assert.notEqual(rotated.access_token, sharing.access_token);
  assert.equal((await publicGet(`/shared/${sharing.access_token}.json`)).status, 404, 'a rotated token is dead');
  assert.equal((await publicGet(`/shared/${rotated.access_token}.json`)).status, 200);
  assert.equal((await publicGet('/shared/not-a-token.json')).status, 404);

  // One insight shared on its own.
  const insightLink = await ok('PATCH', `${P}/insights/${kept.id}/sharing/`, { enabled: true });
  const sharedInsight = await publicGet(`/shared/${insightLink.access_token}.json`);
  assert.equal(sharedInsight.status, 200);
  assert.equal(sharedInsight.body.insight.name, 'Retention');
  assert.equal(sharedInsight.body.insight.result.length, 3);
  assert.deepEqual(sharedInsight.body.insight.dashboards, []);

  // Removing a tile, then the dashboard.
  const trimmed = await ok('PATCH', `${P}/dashboards/${board.id}/`, { tiles: [{ id: textTile.id, deleted: true }] });
  assert.equal(trimmed.tiles.length, 4);
  const del = await api(warren, 'DELETE', `${P}/dashboards/${board.id}/`);
  assert.deepEqual([del.status, del.body], [405, null]);
  await ok('PATCH', `${P}/dashboards/${board.id}/`, { deleted: true });
  assert.equal((await api(warren, 'GET', `${P}/dashboards/${board.id}/`)).status, 404);
  assert.equal((await ok('GET', `${P}/dashboards/`)).results.some((d: { id: number }) => d.id === board.id), false);
  assert.equal((await publicGet(`/shared/${rotated.access_token}.json`)).status, 404, 'a deleted dashboard is not shared');
  assert.deepEqual((await ok('GET', `${P}/insights/${daily.id}/`)).dashboards, [copy.id]);
  const restored = await ok('PATCH', `${P}/dashboards/${board.id}/`, { deleted: false });
  assert.equal(restored.tiles.length, 4, 'restored with its tiles');
});

test('a template makes a dashboard of starter insights; an unknown template is a 400', async () => {
  const made = await ok('POST', `${P}/dashboards/`, { name: 'My App Dashboard', use_template: 'DEFAULT_APP' }, 201);
  assert.equal(made.creation_mode, 'template');
  assert.equal(made.tiles.length, 5);
  assert.ok(made.tiles.every((t: any) => t.insight.saved && t.layouts.sm.w === 6));
  const computed = await ok('GET', `${P}/dashboards/${made.id}/?refresh=force_blocking`);
  assert.deepEqual(computed.tiles.filter((t: any) => t.error), [], 'every template insight computes');
  const bad = await api(warren, 'POST', `${P}/dashboards/`, { name: 'x', use_template: 'NOPE' });
  assert.deepEqual([bad.status, bad.body.attr], [400, 'use_template']);
  const both = await api(warren, 'POST', `${P}/dashboards/`, { name: 'x', use_template: 'DEFAULT_APP', use_dashboard: made.id });
  assert.equal(both.status, 400);
});

test('insights: refresh modes, list filters and search, favourites, soft delete and restore, activity', async () => {
  const q = { kind: 'InsightVizNode', source: { kind: 'TrendsQuery', series: [pageview], interval: 'day', dateRange: { date_from: '2024-05-01', date_to: '2024-05-03' } } };
  const a = await ok('POST', `${P}/insights/`, { name: 'Signup funnel health', description: 'Checked on Mondays', query: q, tags: ['onboarding'] }, 201);
  const b = await ok('POST', `${P}/insights/`, { derived_name: 'Pageview count', query: { kind: 'DataTableNode', source: { kind: 'HogQLQuery', query: 'select count() from events' } } }, 201);

  const none = await ok('GET', `${P}/insights/${a.id}/`);
  assert.deepEqual([none.result, none.is_cached], [null, false], 'cache only by default, and nothing is cached yet');
  const first = await ok('GET', `${P}/insights/${a.id}/?refresh=blocking`);
  assert.deepEqual([first.result[0].data, first.is_cached], [[1, 2, 1], false]);
  const cached = await ok('GET', `${P}/insights/${a.id}/?refresh=force_cache`);
  assert.deepEqual([cached.result, cached.is_cached, cached.last_refresh], [first.result, true, first.last_refresh]);
  const again = await ok('GET', `${P}/insights/${a.id}/?refresh=blocking`);
  assert.equal(again.is_cached, true, 'blocking answers from a fresh cache');
  const forced = await ok('GET', `${P}/insights/${a.id}/?refresh=force_blocking`);
  assert.equal(forced.is_cached, false);
  assert.ok(Date.parse(forced.last_refresh) >= Date.parse(first.last_refresh));
  const sql = await ok('GET', `${P}/insights/${b.id}/?refresh=true`);
  assert.deepEqual([sql.result, sql.columns, sql.hasMore], [[[6]], ['count()'], false]);
  const viaQuery = await ok('POST', `${P}/query/`, { query: q });
  assert.equal(viaQuery.is_cached, true, 'the insight and /query/ share one cache');

  const bad = await api(warren, 'POST', `${P}/insights/`, { name: 'broken', query: { kind: 'InsightVizNode', source: { kind: 'NopeQuery' } } });
  assert.deepEqual([bad.status, bad.body.type, bad.body.code], [400, 'invalid_request', 'parse_error']);
  const badDashboard = await api(warren, 'POST', `${P}/insights/`, { name: 'x', query: q, dashboards: [999999] });
  assert.deepEqual([badDashboard.status, badDashboard.body.attr], [400, 'dashboards__0']);

  await ok('PATCH', `${P}/insights/${b.id}/`, { favorited: true });
  const names = (body: { results: { id: number }[] }) => body.results.map((r) => r.id);
  assert.deepEqual(names(await ok('GET', `${P}/insights/?favorited=true`)), [b.id]);
  assert.deepEqual(names(await ok('GET', `${P}/insights/?search=mondays`)), [a.id], 'description');
  assert.deepEqual(names(await ok('GET', `${P}/insights/?search=pageview%20count`)), [b.id], 'derived name');
  assert.deepEqual(names(await ok('GET', `${P}/insights/?search=onboard`)), [a.id], 'tags');
  assert.deepEqual(names(await ok('GET', `${P}/insights/?short_id=${a.short_id}`)), [a.id]);
  assert.deepEqual(names(await ok('GET', `${P}/insights/?insight=SQL`)), [b.id]);
  const listed = await ok('GET', `${P}/insights/?search=e&limit=1&basic=true`);
  assert.equal(listed.results.length, 1);
  assert.equal('result' in listed.results[0], false, 'basic lists carry no results');
  assert.match(listed.next, /limit=1&offset=1/);
  const withResults = await ok('GET', `${P}/insights/?short_id=${a.short_id}`);
  assert.equal(withResults.results[0].is_cached, true, 'lists show cached results');

  const deleted = await ok('PATCH', `${P}/insights/${a.id}/`, { deleted: true });
  assert.equal(deleted.deleted, true);
  assert.equal((await api(warren, 'GET', `${P}/insights/${a.id}/`)).status, 404);
  assert.equal(names(await ok('GET', `${P}/insights/?short_id=${a.short_id}`)).length, 0);
  const del = await api(warren, 'DELETE', `${P}/insights/${b.id}/`);
  assert.deepEqual([del.status, del.body], [405, null]);
  const back = await ok('PATCH', `${P}/insights/${a.id}/`, { deleted: false });
  assert.equal(back.deleted, false);
  const activity = await ok('GET', `${P}/insights/${a.id}/activity/`);
  assert.deepEqual(activity.results.map((e: { activity: string }) => e.activity), ['updated', 'deleted', 'created']);
  assert.ok(activity.results[1].detail.changes.some((c: { field: string }) => c.field === 'deleted'));
});

test('a key for project 1 reaches none of project 2\'s insights, dashboards or links, and scopes are enforced', async () => {
  // Project 2 in the same organization, and keys limited to project 1, written into the server's store directly
  // (the projects API belongs to another part of the management API).
  const scoped = 'phx_warrenTestScopedKeyForProjectOne000000001';
  const readOnly = 'phx_warrenTestReadOnlyInsightsKey00000000001';
  const sqlite = new Database(path.join(warren.dataDir, 'meta.sqlite'));
  sqlite.pragma('busy_timeout = 5000');
  try {
    const org = sqlite.prepare('select organization_id, created_at from projects where id = 1').get() as { organization_id: string; created_at: string };
    const user = sqlite.prepare('select id from users order by id limit 1').get() as { id: number };
    sqlite
      .prepare('insert into projects (id, uuid, organization_id, name, api_token, timezone, week_start_day, anonymize_ips, autocapture_opt_out, session_recording_opt_in, created_at) values (2, ?, ?, ?, ?, ?, 0, 0, 0, 1, ?)')
      .run(randomUUID(), org.organization_id, 'Second project', 'phc_warrenTestSecondProjectToken000000002', 'UTC', org.created_at);
    const addKey = sqlite.prepare('insert into personal_api_keys (id, user_id, label, secure_value, mask_value, scopes, scoped_teams, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)');
    addKey.run(randomUUID(), user.id, 'project 1 only', hashApiKey(scoped), 'phx_...0001', JSON.stringify(['*']), JSON.stringify([1]), org.created_at);
    addKey.run(randomUUID(), user.id, 'read insights', hashApiKey(readOnly), 'phx_...0001', JSON.stringify(['insight:read', 'dashboard:read']), JSON.stringify([1]), org.created_at);
  } finally {
    sqlite.close();
  }
  const as = (key: string, method: string, p: string, body?: unknown) =>
    fetch(warren.url + p, { method, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) }).then((r) => r.status);

  const theirs = await ok('POST', '/api/projects/2/insights/', { name: 'Secret metric', query: trends }, 201);
  const theirBoard = await ok('POST', '/api/projects/2/dashboards/', { name: 'Secret board' }, 201);
  const mine = await ok('POST', `${P}/insights/`, { name: 'Mine', query: trends }, 201);
  const myBoard = await ok('POST', `${P}/dashboards/`, { name: 'Mine' }, 201);

  for (const p of ['/insights/', `/insights/${theirs.id}/`, '/dashboards/', `/dashboards/${theirBoard.id}/`, `/insights/${theirs.id}/sharing/`]) {
    assert.equal(await as(scoped, 'GET', `/api/projects/2${p}`), 403, p);
    assert.equal(await as(scoped, 'GET', `/api/environments/2${p}`), 403, p);
  }
  assert.equal(await as(scoped, 'PATCH', `/api/projects/2/insights/${theirs.id}/`, { name: 'pwned' }), 403);
  assert.equal(await as(scoped, 'GET', `${P}/insights/${mine.id}/`), 200);

  // Through project 1's paths, project 2's objects do not exist.
  assert.equal(await as(scoped, 'GET', `${P}/insights/${theirs.id}/`), 404);
  assert.equal(await as(scoped, 'GET', `${P}/dashboards/${theirBoard.id}/`), 404);
  assert.equal(await as(scoped, 'PATCH', `${P}/insights/${theirs.id}/sharing/`, { enabled: true }), 404);
  assert.equal(await as(scoped, 'PATCH', `${P}/insights/${mine.id}/`, { dashboards: [theirBoard.id] }), 400);
  assert.equal(await as(scoped, 'PATCH', `${P}/dashboards/${myBoard.id}/`, { tiles: [{ insight: { id: theirs.id } }] }), 400);
  assert.equal(await as(scoped, 'POST', `${P}/dashboards/`, { name: 'copy', use_dashboard: theirBoard.id }), 400);
  assert.equal(await as(scoped, 'PATCH', `${P}/dashboards/${myBoard.id}/move_tile/`, { tile: { id: 1 }, toDashboard: theirBoard.id }), 400);
  const listed = await ok('GET', `${P}/insights/?search=secret`);
  assert.equal(listed.count, 0);
  assert.equal((await ok('GET', `${P}/dashboards/?search=secret`)).count, 0);

  // Scopes: reading insights and dashboards does not allow writing them or touching their links.
  assert.equal(await as(readOnly, 'GET', `${P}/insights/${mine.id}/`), 200);
  assert.equal(await as(readOnly, 'GET', `${P}/dashboards/${myBoard.id}/`), 200);
  assert.equal(await as(readOnly, 'POST', `${P}/insights/`, { name: 'x', query: trends }), 403);
  assert.equal(await as(readOnly, 'PATCH', `${P}/dashboards/${myBoard.id}/`, { name: 'x' }), 403);
  assert.equal(await as(readOnly, 'GET', `${P}/dashboards/${myBoard.id}/sharing/`), 403);
  assert.equal(await as(readOnly, 'PATCH', `${P}/dashboards/${myBoard.id}/sharing/`, { enabled: true }), 403);
  assert.equal((await fetch(`${warren.url}${P}/insights/`)).status, 401, 'no credentials, no insights');
});
