import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { insightContext } from '../insights/insight-context.js';
import { openUniverse, type Universe } from '../test-support/insight-universe.js';
import { planWebOverview, type WebOverviewItem, type WebOverviewQuery } from './web-overview.js';

/**
 * The web analytics fixture (team 1, UTC, "now" 2024-06-15 12:00). Current period 2024-06-08 … 06-14, previous
 * 2024-06-01 … 06-07.
 *
 * Current period
 *   A  alice   06-10 09:00:00 $pageview /home   (google cpc, GB, desktop)   session id is a UUIDv7 of 06-10
 *              09:00:30 $pageview /pricing, 09:01:00 $pageview /signup, 09:01:30 signup_completed
 *              → 3 views, 90 s, not a bounce
 *   B  bob     06-11 10:00:00 $pageview /blog   (from t.co, US, mobile)     → 1 view, 0 s, bounce
 *   C  carol   06-12 11:00:00 $pageview /home   (direct, DE), 11:00:10 scrolled
 *              → 1 view, exactly 10 s: not a bounce
 *   D  dave-anon 06-13 08:00:00 $pageview /home, then as alice 08:00:05 $pageview /pricing; dave-anon is merged into
 *              alice afterwards → 2 views, 5 s, alice's second session
 *   E  erin    06-14 20:00:00 $pageview /docs (GB), 20:00:03 $autocapture, 20:00:04 signup_completed
 *              → 1 view, 4 s, not a bounce (autocapture)
 *   F  a crawler 06-12 05:00:00 $pageview /home marked $is_bot            → left out
 *   —  alice   06-12 12:00:00 $pageview and purchase without a session id (server side) → not sessions, left out
 *   ⇒ visitors 4 (alice, bob, carol, erin), views 8, sessions 5, duration (90+0+10+5+4)/5 = 21.8 s, bounce 1/5 = 20 %
 *   ⇒ goal signup_completed: total 2, unique 2 (alice, erin), rate 2/4 = 50 %
 *   ⇒ only GB events: sessions A and E → visitors 2, views 4, sessions 2
 * Previous period
 *   G  gina    06-07 23:59:50 $pageview /home, 06-08 00:00:20 $pageview /pricing  (UUIDv7 of 06-07)
 *              → begins in the previous period: 1 view there (the other falls after it), 30 s, not a bounce;
 *                not a session of the current period although its second view is inside it
 *   H  henry   06-03 12:00:00 $pageview /blog → 1 view, 0 s, bounce
 *   ⇒ visitors 2, views 2, sessions 2, duration 15 s, bounce 50 %
 * Team 2 has a session on 06-10 that must never count.
 */
const ctx = insightContext({ teamId: 1, now: new Date('2024-06-15T12:00:00Z') });
const CURRENT = { date_from: '2024-06-08', date_to: '2024-06-14' };
let u: Universe;

/** A UUIDv7 text made at `iso` (only its time prefix matters here). */
function v7(iso: string, tail: string): string {
  const hex = new Date(iso).getTime().toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7000-8000-${tail.padStart(12, '0')}`;
}

before(async () => {
  u = await openUniverse();
  for (const name of ['alice', 'bob', 'carol', 'erin', 'gina', 'henry']) u.person(name);
  const page = (path: string, extra: Record<string, unknown> = {}) => ({ $current_url: `https://shop.test${path}`, $pathname: path, ...extra });
  const A = v7('2024-06-10T09:00:00Z', 'a');
  u.event('alice', '$pageview', '2024-06-10T09:00:00Z', page('/home', { utm_source: 'google', utm_medium: 'cpc', $referring_domain: 'www.google.com', $geoip_country_code: 'GB', $device_type: 'Desktop' }), { session: A });
  u.event('alice', '$pageview', '2024-06-10T09:00:30Z', page('/pricing', { $geoip_country_code: 'GB' }), { session: A });
  u.event('alice', '$pageview', '2024-06-10T09:01:00Z', page('/signup', { $geoip_country_code: 'GB' }), { session: A });
  u.event('alice', 'signup_completed', '2024-06-10T09:01:30Z', { $geoip_country_code: 'GB' }, { session: A });
  u.event('bob', '$pageview', '2024-06-11T10:00:00Z', page('/blog', { $referring_domain: 't.co', $geoip_country_code: 'US', $device_type: 'Mobile' }), { session: 'B' });
  u.event('carol', '$pageview', '2024-06-12T11:00:00Z', page('/home', { $referring_domain: '$direct', $geoip_country_code: 'DE' }), { session: 'C' });
  u.event('carol', 'scrolled', '2024-06-12T11:00:10Z', {}, { session: 'C' });
  u.event('dave-anon', '$pageview', '2024-06-13T08:00:00Z', page('/home'), { session: 'D' });
  u.event('alice', '$pageview', '2024-06-13T08:00:05Z', page('/pricing'), { session: 'D' });
  u.merge('dave-anon', 'alice');
  u.event('erin', '$pageview', '2024-06-14T20:00:00Z', page('/docs', { $geoip_country_code: 'GB' }), { session: 'E' });
  u.event('erin', '$autocapture', '2024-06-14T20:00:03Z', { $geoip_country_code: 'GB' }, { session: 'E' });
  u.event('erin', 'signup_completed', '2024-06-14T20:00:04Z', { $geoip_country_code: 'GB' }, { session: 'E' });
  u.event('crawler', '$pageview', '2024-06-12T05:00:00Z', page('/home', { $is_bot: true }), { session: 'F' });
  u.event('alice', '$pageview', '2024-06-12T12:00:00Z', page('/server-side'));
  u.event('alice', 'purchase', '2024-06-12T12:00:01Z', {});
  const G = v7('2024-06-07T23:59:50Z', 'b');
  u.event('gina', '$pageview', '2024-06-07T23:59:50Z', page('/home'), { session: G });
  u.event('gina', '$pageview', '2024-06-08T00:00:20Z', page('/pricing'), { session: G });
  u.event('henry', '$pageview', '2024-06-03T12:00:00Z', page('/blog'), { session: 'H' });
  u.event('eve', '$pageview', '2024-06-10T10:00:00Z', page('/'), { session: 'B', team: 2 });
  await u.flush();
});

async function overview(query: Partial<WebOverviewQuery>): Promise<WebOverviewItem[]> {
  return u.runPlan(await planWebOverview({ kind: 'WebOverviewQuery', dateRange: CURRENT, properties: [], ...query }, ctx));
}

const figures = (items: WebOverviewItem[]) => Object.fromEntries(items.map((i) => [i.key, i.value]));

test('the five figures of the current period, worked out by hand', async () => {
  const items = await overview({});
  assert.deepEqual(figures(items), { visitors: 4, views: 8, sessions: 5, 'session duration': 21.8, 'bounce rate': 20 });
  assert.deepEqual(
    items.map((i) => [i.key, i.kind, i.previous, i.changeFromPreviousPct]),
    [
      ['visitors', 'unit', null, null],
      ['views', 'unit', null, null],
      ['sessions', 'unit', null, null],
      ['session duration', 'duration_s', null, null],
      ['bounce rate', 'percentage', null, null],
    ],
  );
  assert.equal(items.find((i) => i.key === 'bounce rate')?.isIncreaseBad, true);
});

test('compare puts the previous period beside each figure with the change in percent', async () => {
  const items = await overview({ compareFilter: { compare: true } });
  assert.deepEqual(
    items.map((i) => [i.key, i.value, i.previous, i.changeFromPreviousPct]),
    [
      ['visitors', 4, 2, 100],
      ['views', 8, 2, 300],
      ['sessions', 5, 2, 150],
      ['session duration', 21.8, 15, 45],
      ['bounce rate', 20, 50, -60],
    ],
  );
});

test('the previous period on its own, as the current one', async () => {
  const items = await overview({ dateRange: { date_from: '2024-06-01', date_to: '2024-06-07' } });
  assert.deepEqual(figures(items), { visitors: 2, views: 2, sessions: 2, 'session duration': 15, 'bounce rate': 50 });
});

test('a conversion goal turns the figures into conversions', async () => {
  const items = await overview({ conversionGoal: { customEventName: 'signup_completed' } });
  assert.deepEqual(figures(items), { visitors: 4, 'total conversions': 2, 'unique conversions': 2, 'conversion rate': 50 });
});

test('property filters narrow the events, and so the sessions', async () => {
  const items = await overview({ properties: [{ key: '$geoip_country_code', value: 'GB', operator: 'exact', type: 'event' }] });
  assert.deepEqual(figures(items), { visitors: 2, views: 4, sessions: 2, 'session duration': 47, 'bounce rate': 0 });
});

test('a period without sessions has zero counts and no duration or bounce rate', async () => {
  const items = await overview({ dateRange: { date_from: '2023-01-01', date_to: '2023-01-07' } });
  assert.deepEqual(figures(items), { visitors: 0, views: 0, sessions: 0, 'session duration': null, 'bounce rate': null });
});
