import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyCookieless, calendarDay, COOKIELESS_PLACEHOLDER_ID, dailySessionId, daysInUse, rootDomain, visitorHash, type CookielessInput } from './cookieless.js';
import { openGeoIp } from './geoip.js';
import { DEFAULT_INGEST_LIMITS } from './limits.js';
import { normalizeEvent } from './normalize-event.js';
import type { JsonObject } from './types.js';

const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0';
const SALTS = { '2024-06-28': Buffer.alloc(16, 1).toString('base64'), '2024-06-29': Buffer.alloc(16, 2).toString('base64') };
const NOON = Date.parse('2024-06-29T12:00:00Z');

/** What posthog-js sends in cookieless mode (module.js 1.449: `$cookieless_mode`, `$raw_user_agent`, `$host`, no session id). */
function props(extra: JsonObject = {}): JsonObject {
  return { $cookieless_mode: true, $raw_user_agent: CHROME, $host: 'shop.example.com', $current_url: 'https://shop.example.com/', $timezone: 'UTC', ...extra };
}

function input(overrides: Partial<CookielessInput> = {}): CookielessInput {
  return { teamId: 1, connectionIp: '81.2.69.160', requestUserAgent: undefined, salts: SALTS, timestampMs: NOON, ...overrides };
}

function name(properties: JsonObject, overrides: Partial<CookielessInput> = {}, event = '$pageview', distinctId = COOKIELESS_PLACEHOLDER_ID) {
  const outcome = applyCookieless(event, properties, distinctId, input(overrides));
  assert.ok(outcome.ok, JSON.stringify(outcome));
  return { distinctId: outcome.distinctId, sessionId: properties.$session_id, deviceId: properties.$device_id };
}

test('one browser on one site and day is one visitor with one session, whatever page or subdomain it is on', () => {
  const first = name(props());
  const later = name(props({ $host: 'www.example.com', $current_url: 'https://www.example.com/pricing' }), { timestampMs: NOON + 3 * 3_600_000 });
  assert.match(first.distinctId, /^cookieless_[A-Za-z0-9+/]{22}$/);
  assert.match(String(first.deviceId), /^cookielessd_/);
  assert.deepEqual(later, first);
});

test('another browser, address, project or day is another visitor', () => {
  const base = name(props()).distinctId;
  assert.notEqual(name(props({ $raw_user_agent: FIREFOX })).distinctId, base, 'user agent');
  assert.notEqual(name(props(), { connectionIp: '8.8.8.8' }).distinctId, base, 'ip');
  assert.notEqual(name(props(), { teamId: 2 }).distinctId, base, 'project');
  assert.notEqual(name(props({ $host: 'other.org' })).distinctId, base, 'site');
  assert.notEqual(name(props({ $cookieless_extra: 'account-7' })).distinctId, base, 'hash extra');
  const yesterday = name(props(), { timestampMs: NOON - 86_400_000 });
  assert.notEqual(yesterday.distinctId, base, 'day (another salt)');
  assert.notEqual(yesterday.sessionId, name(props()).sessionId);
});

test('the IP, raw user agent and hash extra are not kept; the request user agent stands in for a missing one', () => {
  const properties = props({ $ip: '81.2.69.160', $cookieless_extra: 'x', $set: { $raw_user_agent: CHROME, plan: 'free' }, $set_once: { $initial_raw_user_agent: CHROME } });
  const viaProperty = name(properties);
  for (const key of ['$ip', '$raw_user_agent', '$cookieless_extra']) assert.equal(key in properties, false, key);
  assert.deepEqual(properties.$set, { plan: 'free' });
  assert.deepEqual(properties.$set_once, {});
  const withoutProperty = props();
  delete withoutProperty.$raw_user_agent;
  assert.equal(name(withoutProperty, { requestUserAgent: CHROME }).distinctId, name(props({ $cookieless_extra: '' })).distinctId);
  assert.notEqual(viaProperty.distinctId, name(props()).distinctId, 'the extra counted before it was removed');
});

test('an identified id is kept (its session and device are still the hashed ones); merges and incomplete events are refused', () => {
  const kept = name(props(), {}, 'purchase', 'user-42');
  assert.equal(kept.distinctId, 'user-42');
  assert.equal(kept.sessionId, name(props()).sessionId);
  for (const event of ['$identify', '$create_alias', '$merge_dangerously']) {
    assert.deepEqual(applyCookieless(event, props(), COOKIELESS_PLACEHOLDER_ID, input()), { ok: false, reason: 'cookieless_unsupported_event', details: { event } });
  }
  const noHost = props();
  delete noHost.$host;
  assert.deepEqual(applyCookieless('$pageview', noHost, COOKIELESS_PLACEHOLDER_ID, input()), { ok: false, reason: 'cookieless_missing_input', details: { missing: '$host' } });
  assert.equal(applyCookieless('$pageview', props(), COOKIELESS_PLACEHOLDER_ID, input({ connectionIp: '' })).ok, false);
  // A day whose salt is gone (or not made yet) names nobody.
  assert.deepEqual(applyCookieless('$pageview', props(), COOKIELESS_PLACEHOLDER_ID, input({ timestampMs: NOON - 3 * 86_400_000 })), {
    ok: false,
    reason: 'cookieless_day_unavailable',
    details: { day: '2024-06-26' },
  });
});

test("the day is the visitor's own calendar day; an unknown time zone counts as UTC", () => {
  assert.equal(calendarDay(Date.parse('2024-06-29T23:30:00Z'), 'Europe/Berlin'), '2024-06-30');
  assert.equal(calendarDay(Date.parse('2024-06-29T02:00:00Z'), 'America/Los_Angeles'), '2024-06-28');
  assert.equal(calendarDay(Date.parse('2024-06-29T23:30:00Z'), 'Not/AZone'), '2024-06-29');
  assert.equal(calendarDay(Date.parse('2024-06-29T23:30:00Z'), undefined), '2024-06-29');
  // A Berlin visitor after its midnight needs the next day's salt (the store has it by then, see daysInUse); here none.
  assert.equal(applyCookieless('$pageview', props({ $timezone: 'Europe/Berlin' }), COOKIELESS_PLACEHOLDER_ID, input({ timestampMs: Date.parse('2024-06-29T23:30:00Z') })).ok, false);
});

test('a salt is in use from the moment its day begins at UTC+14 until two hours after it ends at UTC−12', () => {
  assert.deepEqual(daysInUse(Date.parse('2024-06-29T12:00:00Z')), ['2024-06-28', '2024-06-29', '2024-06-30']);
  // 2024-06-30 begins in Kiribati (UTC+14) at 2024-06-29 10:00 UTC.
  assert.deepEqual(daysInUse(Date.parse('2024-06-29T09:59:59Z')), ['2024-06-28', '2024-06-29']);
  // 2024-06-28 ends on Baker Island (UTC−12) at 2024-06-29 12:00 UTC; two hours' lag later its salt goes.
  assert.deepEqual(daysInUse(Date.parse('2024-06-29T13:59:59Z')), ['2024-06-28', '2024-06-29', '2024-06-30']);
  assert.deepEqual(daysInUse(Date.parse('2024-06-29T14:00:00Z')), ['2024-06-29', '2024-06-30']);
});

test("the session id is a UUIDv7 of the day's start that the sessions model files under that day", () => {
  const hash = visitorHash(Buffer.alloc(16, 2), { teamId: 1, ip: '81.2.69.160', host: 'example.com', userAgent: CHROME, extra: '' });
  const id = dailySessionId('2024-06-29', hash);
  assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(parseInt(id.replace(/-/g, '').slice(0, 12), 16), Date.parse('2024-06-29T00:00:00Z'));
  assert.notEqual(id, dailySessionId('2024-06-29', Buffer.alloc(16, 9)));
});

test('a host counts by its site: subdomains and case fold together, the port and IPs are kept', () => {
  assert.equal(rootDomain('Shop.Example.com'), 'example.com');
  assert.equal(rootDomain('a.b.example.co.uk:8443'), 'example.co.uk:8443');
  assert.equal(rootDomain('https://www.example.org/path'), 'example.org');
  assert.equal(rootDomain('127.0.0.1:5173'), '127.0.0.1:5173');
  assert.equal(rootDomain('::1'), '::1');
  assert.equal(rootDomain('[::1]:3000'), '[::1]:3000');
  assert.equal(rootDomain('localhost'), 'localhost');
});

test('through normalization: the visitor is named, GeoIP still places it, and no IP is stored even where the project keeps IPs', () => {
  const now = new Date(NOON);
  const raw = { event: '$pageview', distinct_id: COOKIELESS_PLACEHOLDER_ID, properties: props(), timestamp: now.toISOString() } as JsonObject;
  const ctx = { teamId: 1, now, sentAt: null, ip: '81.2.69.160', userAgent: CHROME, cookielessSalts: SALTS, geo: { connectionIp: '81.2.69.160', lookup: openGeoIp() } };
  const outcome = normalizeEvent(raw, ctx, DEFAULT_INGEST_LIMITS);
  assert.ok(outcome.ok);
  assert.match(outcome.event.distinctId, /^cookieless_/);
  assert.equal(outcome.event.sessionId, outcome.event.properties.$session_id);
  assert.equal(outcome.event.properties.$browser, 'Chrome', 'parsed from the user agent before it was removed');
  assert.equal(outcome.event.properties.$geoip_country_code, 'GB', 'placed from the address before it was removed');
  assert.equal(outcome.propertiesJson.includes('81.2.69.160'), false);
  assert.equal(outcome.propertiesJson.includes(CHROME), false);

  const withoutSalts = normalizeEvent({ ...raw, properties: props() } as JsonObject, { ...ctx, cookielessSalts: undefined }, DEFAULT_INGEST_LIMITS);
  assert.deepEqual(withoutSalts.ok ? null : withoutSalts.reason, 'cookieless_day_unavailable');
  const ordinary = normalizeEvent({ event: '$pageview', distinct_id: 'abc', properties: { $raw_user_agent: CHROME } } as JsonObject, ctx, DEFAULT_INGEST_LIMITS);
  assert.ok(ordinary.ok && ordinary.event.distinctId === 'abc' && ordinary.event.properties.$ip === '81.2.69.160', 'events with cookies are untouched');
});
