/**
 * The web benchmark's data, generated inside ClickHouse (`INSERT INTO events … SELECT … FROM numbers(sessions)`) so
 * that the sessions materialized view fills `raw_sessions` exactly as ingestion does. Every session's visitor, start,
 * pages and events are pure functions of its number through `cityHash64`: the same session count gives the same data.
 *
 * The model (all times UTC, 35 days ending on `DATA_LAST_DAY`, sessions start between 00:00 and 23:00):
 * - session `s` belongs to visitor `v = hash(s) % (0.4 * sessions)` (so visitors come back about 2.5 times);
 *   visitors with `v % 50 = 49` are project 2's (must never count); `v % 100 = 7` are bots (`$is_bot`, left out).
 * - a visitor browses as `anon-<v>` with an anonymous person; one in ten (`v % 10 = 3`) signs up: half of their
 *   sessions are as `user-<v>` with their own person, and `person_distinct_id_overrides` maps `anon-<v>` to it.
 * - a visit has 1 to 6 pages (mean 2.3; 40 % one page), chosen from 80 paths with a power law (the home page most);
 *   each page is a `$pageview`, in 30 % of them an `$autocapture` click, and in 85 % a `$pageleave` (posthog-js
 *   sends it on navigation and close) carrying `$prev_pageview_*` (duration, max scroll); the next page's view carries
 *   the same. Pages last 2-40 s (half of them) or 2-200 s.
 * - the landing page carries the visit's source: direct (40 %), Google search, t.co, a newsletter (utm email), Google
 *   ads (cpc, gclid) or Hacker News; later pages have the site itself as referrer. Device, browser, OS, viewport,
 *   country, language and time zone belong to the visitor.
 * - one session in 25 also has a server-side `purchase` without `$session_id` (not a session, must not count).
 * Session ids are UUIDv7 of the session's start, as posthog-js makes them, so `raw_sessions` sorts them by day.
 * About 5 events per session: 2M sessions are about 10M events.
 */
import type { ChdbEventStore } from '../../apps/server/src/storage/chdb-event-store.js';
import { EventStoreError } from '../../apps/server/src/storage/event-store.js';

export const TEAM = 1;
export const OTHER_TEAM = 2;
export const DAYS = 35;
/** The last day with data; the questions are asked at its last second. */
export const DATA_LAST_DAY = '2024-06-29';
export const HOST = 'warren.example';
/**
 * Sessions per INSERT: about 125k events. The sessions view is most of an insert's cost (about 20 µs per event on a
 * quiet core, four times the rest of the insert); on a busy machine an insert may outlast the store's 30 s statement
 * timeout, which `outlasting` waits out.
 */
const SESSIONS_PER_INSERT = 25_000;
/** How long to wait for a statement that outlasts the store's timeout. */
const OUTLAST_WAIT_MS = 600_000;

/** The site's paths, most visited first (picked with a power law). */
const PATHS = [
  '/', '/pricing', '/features', '/docs', '/blog', '/docs/getting-started', '/about', '/signup', '/login', '/docs/api',
  '/changelog', '/careers', '/contact', '/customers', '/integrations', '/security', '/docs/self-hosting', '/docs/sdk/js',
  '/docs/sdk/python', '/docs/sdk/node',
  ...Array.from({ length: 60 }, (_, i) => `/blog/post-${i + 1}`),
];
/** The landing page's source, as posthog-js reports it (a JSON fragment of properties), by weight. */
const SOURCES = [
  '"$referrer":"$direct","$referring_domain":"$direct"',
  '"$referrer":"$direct","$referring_domain":"$direct"',
  '"$referrer":"$direct","$referring_domain":"$direct"',
  '"$referrer":"$direct","$referring_domain":"$direct"',
  '"$referrer":"https://www.google.com/","$referring_domain":"www.google.com"',
  '"$referrer":"https://www.google.com/","$referring_domain":"www.google.com"',
  '"$referrer":"https://t.co/abc","$referring_domain":"t.co"',
  '"$referrer":"$direct","$referring_domain":"$direct","utm_source":"newsletter","utm_medium":"email","utm_campaign":"june"',
  '"$referrer":"https://www.google.com/","$referring_domain":"www.google.com","utm_source":"google","utm_medium":"cpc","gclid":"Cj0KCQ"',
  '"$referrer":"https://news.ycombinator.com/","$referring_domain":"news.ycombinator.com"',
];
const DEVICES = [
  '"$device_type":"Desktop","$browser":"Chrome","$os":"Windows","$viewport_width":1920,"$viewport_height":1080',
  '"$device_type":"Desktop","$browser":"Chrome","$os":"Mac OS X","$viewport_width":1440,"$viewport_height":900',
  '"$device_type":"Desktop","$browser":"Safari","$os":"Mac OS X","$viewport_width":1512,"$viewport_height":982',
  '"$device_type":"Desktop","$browser":"Firefox","$os":"Linux","$viewport_width":1280,"$viewport_height":800',
  '"$device_type":"Mobile","$browser":"Mobile Safari","$os":"iOS","$viewport_width":390,"$viewport_height":844',
  '"$device_type":"Mobile","$browser":"Chrome","$os":"Android","$viewport_width":412,"$viewport_height":915',
  '"$device_type":"Tablet","$browser":"Mobile Safari","$os":"iOS","$viewport_width":820,"$viewport_height":1180',
];
const PLACES = [
  '"$geoip_country_code":"US","$geoip_subdivision_1_code":"CA","$geoip_city_name":"San Francisco","$browser_language":"en-US","$timezone":"America/Los_Angeles"',
  '"$geoip_country_code":"US","$geoip_subdivision_1_code":"NY","$geoip_city_name":"New York","$browser_language":"en-US","$timezone":"America/New_York"',
  '"$geoip_country_code":"GB","$geoip_subdivision_1_code":"ENG","$geoip_city_name":"London","$browser_language":"en-GB","$timezone":"Europe/London"',
  '"$geoip_country_code":"DE","$geoip_subdivision_1_code":"BE","$geoip_city_name":"Berlin","$browser_language":"de-DE","$timezone":"Europe/Berlin"',
  '"$geoip_country_code":"FR","$geoip_subdivision_1_code":"IDF","$geoip_city_name":"Paris","$browser_language":"fr-FR","$timezone":"Europe/Paris"',
  '"$geoip_country_code":"IN","$geoip_subdivision_1_code":"KA","$geoip_city_name":"Bengaluru","$browser_language":"en-IN","$timezone":"Asia/Kolkata"',
  '"$geoip_country_code":"BR","$geoip_subdivision_1_code":"SP","$geoip_city_name":"São Paulo","$browser_language":"pt-BR","$timezone":"America/Sao_Paulo"',
];
const CLICK_CHAIN = 'a.nav-link:attr__href="/pricing"href="/pricing"nth-child="2"nth-of-type="1"text="Pricing"';

const sqlString = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const sqlArray = (items: readonly (string | number)[]): string => `[${items.map((i) => (typeof i === 'number' ? String(i) : sqlString(i))).join(', ')}]`;
/** A uniform number in [0, 1) determined by `args` (SQL expressions). */
const u = (...args: string[]): string => `(cityHash64(${args.join(', ')}) % 1000000 / 1000000.)`;
/** A UUID-formatted string (version 4 digits) determined by `args`. */
const uuidText = (...args: string[]): string => {
  const h = `lower(concat(leftPad(hex(cityHash64(${args.join(', ')}, 'a')), 16, '0'), leftPad(hex(cityHash64(${args.join(', ')}, 'b')), 16, '0')))`;
  return `concat(substring(${h}, 1, 8), '-', substring(${h}, 9, 4), '-4', substring(${h}, 14, 3), '-8', substring(${h}, 18, 3), '-', substring(${h}, 21, 12))`;
};
/** A UUIDv7 text whose time prefix is `startMs` (milliseconds since the epoch), the rest from `s`. */
const uuidV7Text = (startMs: string, s: string): string => {
  const t = `lower(leftPad(hex(${startMs}), 12, '0'))`;
  const r = `lower(concat(leftPad(hex(cityHash64(${s}, 'session-a')), 16, '0'), leftPad(hex(cityHash64(${s}, 'session-b')), 16, '0')))`;
  return `concat(substring(${t}, 1, 8), '-', substring(${t}, 9, 4), '-7', substring(${r}, 1, 3), '-8', substring(${r}, 4, 3), '-', substring(${r}, 7, 12))`;
};

/** One row per session: visitor, team, start, pages with their durations. */
function sessionsSql(): string {
  const pageCount = `${sqlArray([1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 4, 4, 5, 6])}[1 + cityHash64(s, 'pages') % 20]`;
  const path = (i: string) => `${sqlArray(PATHS)}[1 + toUInt32(floor(${PATHS.length} * pow(${u('s', i, "'path'")}, 2.5)))]`;
  const durationS = (i: string) => `toUInt32(2 + if(cityHash64(s, ${i}, 'short') % 2 = 0, cityHash64(s, ${i}, 'd') % 39, cityHash64(s, ${i}, 'd') % 199))`;
  return `
    SELECT *,
      toDateTime64({first_day:Date}, 3, 'UTC') + toIntervalDay(cityHash64(s, 'day') % ${DAYS}) + toIntervalMillisecond(cityHash64(s, 'ms') % 82800000) AS start,
      ${uuidV7Text('toUnixTimestamp64Milli(start)', 's')} AS session_id,
      arrayMap(i -> ${path('i')}, range(${pageCount})) AS pages,
      arrayMap(i -> ${durationS('i')}, range(length(pages))) AS durations,
      arrayMap(i -> toUInt32(arraySum(arraySlice(durations, 1, i - 1))), arrayEnumerate(pages)) AS offsets,
      concat(${sqlArray(DEVICES)}[1 + cityHash64(v, 'device') % ${DEVICES.length}], ',',
        ${sqlArray(PLACES)}[1 + cityHash64(v, 'place') % ${PLACES.length}],
        ',"$host":"${HOST}","$lib":"web","$lib_version":"1.160.0","$session_id":"', session_id, '","$window_id":"', session_id, '"',
        if(bot, ',"$is_bot":true', '')) AS session_props,
      ${sqlArray(SOURCES)}[1 + cityHash64(s, 'source') % ${SOURCES.length}] AS source_props
    FROM (
      SELECT number AS s,
        cityHash64(s, 'visitor') % greatest(1, toUInt64({sessions_total:UInt64} * 0.4)) AS v,
        if(v % 50 = 49, ${OTHER_TEAM}, ${TEAM}) AS team,
        v % 100 = 7 AS bot,
        v % 10 = 3 AND cityHash64(s, 'identified') % 2 = 0 AS identified
      FROM numbers({first_session:UInt64}, {sessions:UInt64})
    )`;
}

/**
 * A session's events as `(event, page index, offset in ms from the start, extra properties)`: per page its view, maybe
 * a click halfway, maybe a pageleave a second before the next page; plus maybe a server-side purchase.
 */
function sessionEventsSql(): string {
  const prev = (i: string) =>
    `concat(',"$prev_pageview_pathname":"', pages[${i}], '","$prev_pageview_duration":', toString(durations[${i}] - 1),
      ',"$prev_pageview_max_scroll_percentage":', toString(round(${u('s', i, "'scroll'")}, 2)))`;
  return `arrayFlatten(arrayMap(i -> arrayConcat(
      [('$pageview', i, toInt64(offsets[i] * 1000), if(i > 1, ${prev('i - 1')}, ''))],
      if(cityHash64(s, i, 'click') % 10 < 3, [('$autocapture', i, toInt64(offsets[i] * 1000 + durations[i] * 500), ',"$event_type":"click"')], []),
      if(cityHash64(s, i, 'leave') % 20 < 17, [('$pageleave', i, toInt64((offsets[i] + durations[i] - 1) * 1000), ${prev('i')})], [])
    ), arrayEnumerate(pages)))`;
}

/** Every generated event as an `events` row. */
function eventsSql(): string {
  const distinctId = `if(identified, concat('user-', toString(v)), concat('anon-', toString(v)))`;
  const personId = `toUUID(if(identified, ${uuidText('v', "'person'")}, ${uuidText('v', "'anonymous'")}))`;
  // Every value is a fixed page, name or id without characters JSON escapes, so plain concatenation is valid JSON.
  const props = `concat('{"$current_url":"https://${HOST}', pages[ev.2], '","$pathname":"', pages[ev.2], '",', session_props, ',',
      if(ev.2 = 1, source_props, concat('"$referrer":"https://${HOST}', pages[ev.2 - 1], '","$referring_domain":"${HOST}"')), ev.4, '}')`;
  const purchase = `if(cityHash64(s, 'purchase') % 25 = 0, [('purchase', toUInt64(length(pages)), toInt64(arraySum(durations) * 1000), '')], [])`;
  return `
    SELECT
      team AS team_id,
      generateUUIDv4(k) AS uuid,
      ev.1 AS event,
      ${distinctId} AS distinct_id,
      ${personId} AS person_id,
      start + toIntervalMillisecond(ev.3) AS timestamp,
      timestamp AS created_at,
      if(event = 'purchase', '{"amount":42}', ${props}) AS properties,
      if(event = '$autocapture', ${sqlString(CLICK_CHAIN)}, '') AS elements_chain,
      if(event = 'purchase', '', session_id) AS \`$session_id\`,
      if(event = 'purchase', '', session_id) AS \`$window_id\`
    FROM (SELECT *, arrayConcat(${sessionEventsSql()}, ${purchase}) AS evs FROM (${sessionsSql()}))
    ARRAY JOIN evs AS ev, arrayEnumerate(evs) AS k`;
}

export interface Generated {
  sessions: number;
  events: number;
  teamEvents: number;
  /** Rows of `raw_sessions` after the merges (one per session). */
  sessionRows: number;
  overrides: number;
  generateMs: number;
  optimizeMs: number;
  /** Events of project 1 by name, most frequent first. */
  eventMix: { event: string; count: number }[];
}

/**
 * Fills a freshly migrated store with `sessions` sessions' events through the `events` table (the sessions view fills
 * `raw_sessions`), adds the merge overrides, and merges the parts as a long-running store would have them.
 */
export async function generate(store: ChdbEventStore, sessions: number, log: (line: string) => void): Promise<Generated> {
  const started = performance.now();
  const params = { first_day: firstDataDay(), sessions_total: sessions };
  const eventColumns = 'team_id, uuid, event, distinct_id, person_id, timestamp, created_at, properties, elements_chain, `$session_id`, `$window_id`';
  for (let first = 0; first < sessions; first += SESSIONS_PER_INSERT) {
    const chunk = { ...params, first_session: first, sessions: Math.min(SESSIONS_PER_INSERT, sessions - first) };
    await outlasting(store.command(`INSERT INTO events (${eventColumns}) SELECT ${eventColumns} FROM (${eventsSql()})`, chunk), store);
    const done = first + chunk.sessions;
    if (done % (SESSIONS_PER_INSERT * 20) === 0 || done === sessions) log(`  ${done.toLocaleString('en-US')} sessions inserted (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  }
  const visitors = Math.max(1, Math.floor(sessions * 0.4));
  await store.command(
    `INSERT INTO person_distinct_id_overrides (team_id, distinct_id, person_id, is_deleted, version)
     SELECT if(number % 50 = 49, ${OTHER_TEAM}, ${TEAM}), concat('anon-', toString(number)), toUUID(${uuidText('number', "'person'")}), 0, 1
     FROM numbers({visitors:UInt64}) WHERE number % 10 = 3`,
    { visitors },
  );
  const generateMs = performance.now() - started;
  log(`  generated in ${(generateMs / 1000).toFixed(1)} s; merging parts...`);
  const optimizeStarted = performance.now();
  for (const table of ['events', 'raw_sessions', 'person_distinct_id_overrides']) await mergeParts(store, table);
  const optimizeMs = performance.now() - optimizeStarted;
  const totals = await counts(store);
  // Every generated session has events, so a lost insert shows as missing sessions.
  if (totals.sessionRows !== sessions) throw new Error(`raw_sessions has ${totals.sessionRows} rows for ${sessions} generated sessions`);
  return { sessions, ...totals, generateMs, optimizeMs };
}

/** Merges a table into one part per partition, as a long-running store would have it. */
async function mergeParts(store: ChdbEventStore, table: string): Promise<void> {
  await outlasting(store.command(`OPTIMIZE TABLE ${table} FINAL`), store);
}

/**
 * Awaits a statement; when it outlasts the store's statement timeout (the engine goes on with it in the background),
 * waits until it is done: chDB runs one statement at a time, so a trivial query given a long timeout returns after it.
 * Whether it succeeded is checked by the caller's counts.
 */
async function outlasting(statement: Promise<void>, store: ChdbEventStore): Promise<void> {
  try {
    await statement;
  } catch (error) {
    if (!(error instanceof EventStoreError && error.kind === 'timeout')) throw error;
    await store.query('SELECT 1', {}, { timeoutMs: OUTLAST_WAIT_MS });
  }
}

async function counts(store: ChdbEventStore): Promise<Pick<Generated, 'events' | 'teamEvents' | 'sessionRows' | 'overrides' | 'eventMix'>> {
  const mix = await store.query('SELECT event, count() AS c FROM events WHERE team_id = {team:Int64} GROUP BY event ORDER BY c DESC', { team: TEAM });
  const totals = await store.query(
    `SELECT (SELECT count() FROM events), (SELECT count() FROM events WHERE team_id = {team:Int64}), (SELECT count() FROM raw_sessions),
       (SELECT count() FROM person_distinct_id_overrides)`,
    { team: TEAM },
  );
  const [events, teamEvents, sessionRows, overrides] = totals.rows[0].map(Number);
  return { events, teamEvents, sessionRows, overrides, eventMix: mix.rows.map(([event, count]) => ({ event: String(event), count: Number(count) })) };
}

/**
 * The data of a store filled by an earlier run (`BENCH_STORE_DIR`), or null when it holds no sessions. Its counts
 * are read again; the generation times are unknown (NaN).
 */
export async function reuse(store: ChdbEventStore): Promise<Generated | null> {
  const totals = await counts(store);
  if (totals.sessionRows === 0) return null;
  return { sessions: totals.sessionRows, ...totals, generateMs: NaN, optimizeMs: NaN };
}

/** The first of the days with data, `YYYY-MM-DD`. */
export function firstDataDay(): string {
  const last = new Date(`${DATA_LAST_DAY}T00:00:00Z`);
  return new Date(last.getTime() - (DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
}
