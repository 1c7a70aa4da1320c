/**
 * The benchmark's data, generated inside ClickHouse (`INSERT … SELECT … FROM numbers(persons)`): every person's
 * attributes, active days, sessions and events are pure functions of the person's number through `cityHash64`, so
 * the same person count gives the same events on every run and no row passes through JavaScript.
 *
 * The model (all times UTC, 60 days ending on `DATA_LAST_DAY`):
 * - person `p` first visits on day `floor(60 * sqrt(u))` of the 60 (a growing product: more new people lately);
 *   2 % of persons (`p % 50 = 49`) belong to project 2 and must never count.
 * - the first session lands on a marketing journey; 60 % then view /signup, 80 % of those fire `signup_started`,
 *   70 % of those `signed_up` (and view /onboarding), 60 % of those `onboarding_completed`.
 * - people return on later days with a decaying probability: signed-up people at `e * (0.05 + 0.35 * exp(-age/7))`
 *   per day (engagement `e` in 0.4-1.6) for 1 to 8 sessions of in-app journeys a day (more when engaged); others
 *   at `0.02 + 0.25 * exp(-age/2)` for one marketing session.
 * - a session is a journey of pages (`$pageview` with `$current_url`/`$pathname`), each page followed by
 *   `$autocapture` clicks (0-2 on marketing pages, 0-7 in the app, with an elements chain) and sometimes a product
 *   event (`insight_created`, …), 3-92 s apart; sessions of a day are hours apart, so every session is also a
 *   30-minute path session. About 80 events per person: 10M events are about 125k persons.
 * - 30 % of signed-up people (about 10 % of all) browsed anonymously first: their first-session events before
 *   `signed_up` carry distinct id `anon-<p>` and an anonymous person id, and `person_distinct_id_overrides` maps
 *   `anon-<p>` to their person later, as identify does. Every person has a `person` row.
 */
import type { ChdbEventStore } from '../../apps/server/src/storage/chdb-event-store.js';
import { mergeParts } from '../shared/merge-parts.js';
import { SESSIONS_VIEW } from '../../apps/server/src/storage/clickhouse-schema.js';

export const TEAM = 1;
export const OTHER_TEAM = 2;
export const DAYS = 60;
/** The last day with data; the questions are asked at its last second. */
export const DATA_LAST_DAY = '2024-06-29';
/** Persons whose events calibrate the events-per-person ratio before the real run. */
const CALIBRATION_PERSONS = 20_000;
/** Persons per INSERT: about 0.8M events, inside the store's 30 s statement timeout even with other processes on both cores. */
const PERSONS_PER_INSERT = 10_000;

const MARKETING_JOURNEYS = [
  ['/', '/features', '/pricing'],
  ['/', '/pricing'],
  ['/blog', '/blog/launch-week', '/'],
  ['/docs', '/docs/getting-started', '/docs/api'],
  ['/', '/about', '/careers'],
  ['/blog/ten-tips', '/pricing', '/features'],
];
/** Indexes into MARKETING_JOURNEYS repeated by weight. */
const MARKETING_WEIGHTS = [0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 5, 5];
const APP_JOURNEYS = [
  ['/app', '/app/dashboard', '/app/insights', '/app/insights/new', '/app/insights'],
  ['/app', '/app/dashboard', '/app/dashboard/42', '/app/dashboard'],
  ['/app/insights', '/app/insights/new', '/app/insights', '/app/insights/new', '/app/dashboard'],
  ['/app', '/app/settings', '/app/settings/billing'],
  ['/app', '/app/events', '/app/persons', '/app/persons/detail', '/app/events'],
  ['/app/dashboard', '/app/insights', '/app/dashboard', '/app/insights', '/app/feature-flags', '/app/feature-flags/new'],
  ['/app', '/app/dashboard', '/app/insights', '/app/dashboard', '/app/events', '/app/persons', '/app'],
];
const APP_WEIGHTS = [0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 3, 4, 4, 5, 5, 6, 6];
const PRODUCT_EVENTS: Record<string, string> = {
  '/app/insights/new': 'insight_created',
  '/app/dashboard': 'dashboard_viewed',
  '/app/dashboard/42': 'dashboard_viewed',
  '/app/feature-flags/new': 'feature_flag_created',
  '/app/persons/detail': 'person_viewed',
};
const ELEMENT_CHAINS = [
  'a.nav-link:attr__href="/pricing"href="/pricing"nth-child="2"nth-of-type="1"text="Pricing"',
  'button.btn.btn-primary:nth-child="1"nth-of-type="1"text="Get started"',
  'button.LemonButton:attr__type="button"nth-child="3"nth-of-type="2"text="Save"',
  'span.label:nth-child="1"nth-of-type="1"text="Dashboards"',
  'input.search:attr__type="text"nth-child="1"nth-of-type="1"',
];

const sqlString = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const sqlArray = (items: readonly (string | number)[]): string => `[${items.map((i) => (typeof i === 'number' ? String(i) : sqlString(i))).join(', ')}]`;
/** A uniform number in [0, 1) determined by `args` (SQL expressions). */
const u = (...args: string[]): string => `(cityHash64(${args.join(', ')}) % 1000000 / 1000000.)`;
/** A UUID-formatted string determined by `args`. */
const uuidText = (...args: string[]): string => {
  const h = `concat(leftPad(hex(cityHash64(${args.join(', ')}, 'a')), 16, '0'), leftPad(hex(cityHash64(${args.join(', ')}, 'b')), 16, '0'))`;
  return `lower(concat(substring(${h}, 1, 8), '-', substring(${h}, 9, 4), '-4', substring(${h}, 14, 3), '-8', substring(${h}, 18, 3), '-', substring(${h}, 21, 12)))`;
};

/** One row per person: its attributes and active days (the day numbers 0-59 it has sessions on). */
function personsSql(): string {
  const age = '(d - first_day)';
  const signedReturn = `least(0.95, engagement * (0.05 + 0.35 * exp(-${age} / 7)))`;
  const otherReturn = `(0.02 + 0.25 * exp(-${age} / 2))`;
  return `
    SELECT
      number AS p,
      if(p % 50 = 49, ${OTHER_TEAM}, ${TEAM}) AS team,
      toUInt16(floor(${DAYS} * sqrt(${u('p', '1')}))) AS first_day,
      ${u('p', '2')} < 0.6 AS visits_signup,
      visits_signup AND ${u('p', '3')} < 0.8 AS started,
      started AND ${u('p', '4')} < 0.7 AS signed,
      signed AND ${u('p', '5')} < 0.6 AS onboarded,
      signed AND ${u('p', '6')} < 0.3 AS merged,
      0.4 + 1.2 * ${u('p', '7')} AS engagement,
      ${sqlArray(['Chrome', 'Chrome', 'Chrome', 'Safari', 'Safari', 'Firefox', 'Edge'])}[1 + cityHash64(p, '8') % 7] AS browser,
      ${sqlArray(['Mac OS X', 'Windows', 'Windows', 'iOS', 'Android', 'Linux'])}[1 + cityHash64(p, '9') % 6] AS os,
      ${sqlArray(['$direct', 'https://www.google.com/', 'https://news.ycombinator.com/', 'https://twitter.com/'])}[1 + cityHash64(p, '10') % 4] AS referrer,
      ${uuidText('p', "'person'")} AS person_uuid,
      ${uuidText('p', "'anonymous'")} AS anon_uuid,
      concat('user-', toString(p)) AS user_distinct_id,
      concat('anon-', toString(p)) AS anon_distinct_id,
      arrayFilter(d -> d = first_day OR ${u('p', 'd', "'day'")} < if(signed, ${signedReturn}, ${otherReturn}), range(first_day, ${DAYS})) AS days
    FROM numbers({first_person:UInt64}, {persons:UInt64})`;
}

/** The pages of a journey chosen from `journeys` by weight, cut to `minPages`..all of them. */
function journeySql(journeys: string[][], weights: number[], minPages: number, salt: string): string {
  const chosen = `[${journeys.map(sqlArray).join(', ')}][1 + ${sqlArray(weights)}[1 + cityHash64(p, d, s, '${salt}') % ${weights.length}]]`;
  return `arrayResize(${chosen}, least(length(${chosen}), ${minPages} + cityHash64(p, d, s, '${salt}-len') % ${Math.max(...journeys.map((j) => j.length))}))`;
}

/** The events `(event, pathname)` of a list of pages: each page view, its clicks, sometimes a product event. */
function pageEventsSql(pages: string, maxClicks: number, salt: string): string {
  const productEvent = `transform(pg, ${sqlArray(Object.keys(PRODUCT_EVENTS))}, ${sqlArray(Object.values(PRODUCT_EVENTS))}, '')`;
  return `arrayFlatten(arrayMap((pg, i) -> arrayConcat(
      [('$pageview', pg)],
      arrayMap(j -> ('$autocapture', pg), range(cityHash64(p, d, s, i, '${salt}-clicks') % ${maxClicks + 1})),
      if(${productEvent} != '' AND ${u('p', 'd', 's', 'i', `'${salt}-product'`)} < 0.5, [(${productEvent}, pg)], [])
    ), ${pages}, arrayEnumerate(${pages})))`;
}

/** One row per session: the person's columns plus day `d`, session `s` and its events `evs` with offsets `offs`. */
function sessionsSql(): string {
  const landing = 'd = first_day AND s = 0';
  const funnel = `arrayConcat(
      [('$pageview', '/signup')],
      if(started, [('signup_started', '/signup')], []),
      if(signed, [('signed_up', '/signup'), ('$pageview', '/onboarding')], []),
      if(onboarded, [('onboarding_completed', '/onboarding')], []))`;
  const evs = `if(${landing},
      arrayConcat(web_events, if(visits_signup, ${funnel}, []), if(signed, app_events, [])),
      if(signed, app_events, web_events))`;
  const sessionsPerDay = `if(signed, 1 + toUInt8(floor(${u('p', 'd', "'sessions'")} * 4.5 * engagement)), 1)`;
  return `
    SELECT *,
      ${evs} AS evs,
      arrayCumSum(arrayMap(i -> 3 + cityHash64(p, d, s, i, 'gap') % 90, range(length(evs)))) AS offs,
      indexOf(arrayMap(e -> e.1, evs), 'signed_up') AS signup_index
    FROM (
      SELECT *,
        ${pageEventsSql('web_pages', 2, 'web')} AS web_events,
        ${pageEventsSql('app_pages', 7, 'app')} AS app_events
      FROM (
        SELECT *, s,
          ${journeySql(MARKETING_JOURNEYS, MARKETING_WEIGHTS, 1, 'web')} AS web_pages,
          ${journeySql(APP_JOURNEYS, APP_WEIGHTS, 2, 'app')} AS app_pages,
          toDateTime({first_day:Date}, 'UTC') + toIntervalDay(d) + toIntervalSecond(21600 + toUInt32((s + 0.8 * ${u('p', 'd', 's', "'start'")}) * 57600 / sessions)) AS session_start,
          ${uuidText('p', 'd', 's', "'session'")} AS session_id,
          concat('","$host":"warren.example","$browser":"', browser, '","$os":"', os, '","$referrer":"', referrer,
            '","$lib":"web","$lib_version":"1.160.0","$session_id":"', session_id, '","$window_id":"', session_id, '"') AS session_props
        FROM (
          SELECT *, d, ${sessionsPerDay} AS sessions FROM (${personsSql()}) ARRAY JOIN days AS d
        ) ARRAY JOIN range(sessions) AS s
      )
    )`;
}

/** Every generated event as an `events` row. */
function eventsSql(): string {
  const anonymous = 'merged AND d = first_day AND s = 0 AND k < signup_index';
  // Every value is a fixed page, name or id without characters JSON escapes, so plain concatenation is valid JSON;
  // the per-session part is built once per session (toJSONString of a map per row costs 5x more).
  const props = `concat('{"$current_url":"https://warren.example', ev.2, '","$pathname":"', ev.2, session_props,
      if(event = '$autocapture', ',"$event_type":"click"}', '}'))`;
  return `
    SELECT
      team AS team_id,
      generateUUIDv4(k) AS uuid,
      ev.1 AS event,
      if(${anonymous}, anon_distinct_id, user_distinct_id) AS distinct_id,
      toUUID(if(${anonymous}, anon_uuid, person_uuid)) AS person_id,
      toDateTime64(session_start + toIntervalSecond(off), 6, 'UTC') AS timestamp,
      timestamp AS created_at,
      ${props} AS properties,
      if(event = '$autocapture', ${sqlArray(ELEMENT_CHAINS)}[1 + cityHash64(p, d, s, k) % ${ELEMENT_CHAINS.length}], '') AS elements_chain,
      session_id AS \`$session_id\`,
      session_id AS \`$window_id\`
    FROM (${sessionsSql()})
    ARRAY JOIN evs AS ev, offs AS off, arrayEnumerate(evs) AS k`;
}

export interface Generated {
  persons: number;
  events: number;
  teamEvents: number;
  overrides: number;
  generateMs: number;
  optimizeMs: number;
  /** Events of project 1 by name, most frequent first. */
  eventMix: { event: string; count: number }[];
}

/**
 * Fills a freshly migrated store with about `targetEvents` events: measures events per person on a sample, then
 * generates enough persons, their events, `person` rows and merge overrides, and merges the parts (as a long-running
 * store would have them).
 */
export async function generate(store: ChdbEventStore, targetEvents: number, log: (line: string) => void): Promise<Generated> {
  const started = performance.now();
  // None of the questions reads the sessions model: without its view an insert costs a fifth (bench/web measures it).
  await store.command(`DROP VIEW IF EXISTS ${SESSIONS_VIEW}`);
  const params = { first_day: firstDataDay(), first_person: 0 };
  const sample = await store.query(`SELECT count() FROM (${eventsSql()})`, { ...params, persons: CALIBRATION_PERSONS });
  const perPerson = Number(sample.rows[0][0]) / CALIBRATION_PERSONS;
  const persons = Math.max(100, Math.round(targetEvents / perPerson));
  log(`  ${perPerson.toFixed(1)} events per person; generating ${persons.toLocaleString('en-US')} persons...`);
  const eventColumns = 'team_id, uuid, event, distinct_id, person_id, timestamp, created_at, properties, elements_chain, `$session_id`, `$window_id`';
  for (let first = 0; first < persons; first += PERSONS_PER_INSERT) {
    const chunk = { ...params, first_person: first, persons: Math.min(PERSONS_PER_INSERT, persons - first) };
    await store.command(`INSERT INTO events (${eventColumns}) SELECT ${eventColumns} FROM (${eventsSql()})`, chunk);
  }
  const everyone = { ...params, persons };
  await store.command(
    `INSERT INTO person (team_id, id, created_at, properties, is_identified, is_deleted, version)
     SELECT team, toUUID(person_uuid), toDateTime64(toDateTime({first_day:Date}, 'UTC') + toIntervalDay(first_day) + toIntervalHour(6), 3, 'UTC'),
       toJSONString(map('email', concat(user_distinct_id, '@example.com'), 'plan', if(signed, 'free', ''), '$initial_browser', browser, '$initial_os', os)),
       toUInt8(signed), 0, 1
     FROM (${personsSql()})`,
    everyone,
  );
  await store.command(
    `INSERT INTO person_distinct_id_overrides (team_id, distinct_id, person_id, is_deleted, version)
     SELECT team, anon_distinct_id, toUUID(person_uuid), 0, 1 FROM (${personsSql()}) WHERE merged`,
    everyone,
  );
  const generateMs = performance.now() - started;
  log(`  generated in ${(generateMs / 1000).toFixed(1)} s; merging parts...`);
  const optimizeStarted = performance.now();
  for (const table of ['events', 'person', 'person_distinct_id_overrides']) await mergeParts(store, table);
  const optimizeMs = performance.now() - optimizeStarted;
  return { persons, ...(await counts(store)), generateMs, optimizeMs };
}

async function counts(store: ChdbEventStore): Promise<Pick<Generated, 'events' | 'teamEvents' | 'overrides' | 'eventMix'>> {
  const mix = await store.query('SELECT event, count() AS c FROM events WHERE team_id = {team:Int64} GROUP BY event ORDER BY c DESC', { team: TEAM });
  const totals = await store.query(
    'SELECT (SELECT count() FROM events), (SELECT count() FROM events WHERE team_id = {team:Int64}), (SELECT count() FROM person_distinct_id_overrides)',
    { team: TEAM },
  );
  const [events, teamEvents, overrides] = totals.rows[0].map(Number);
  return { events, teamEvents, overrides, eventMix: mix.rows.map(([event, count]) => ({ event: String(event), count: Number(count) })) };
}

/**
 * The data of a store filled by an earlier run (`BENCH_STORE_DIR`), or null when it holds no events. Its counts are
 * read again; the generation times are unknown (NaN).
 */
export async function reuse(store: ChdbEventStore): Promise<Generated | null> {
  const totals = await counts(store);
  if (totals.events === 0) return null;
  const persons = await store.query('SELECT count() FROM person WHERE team_id = {team:Int64}', { team: TEAM });
  return { persons: Number(persons.rows[0][0]), ...totals, generateMs: NaN, optimizeMs: NaN };
}

/** The first of the 60 days with data, `YYYY-MM-DD`. */
export function firstDataDay(): string {
  const last = new Date(`${DATA_LAST_DAY}T00:00:00Z`);
  return new Date(last.getTime() - (DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
}
