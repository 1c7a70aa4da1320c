import type { Expr, SelectQuery, TableSource } from '../sql/ast.js';
import { alias, and, call, column, constant, table } from '../sql/build.js';
import { channelTypeExpr } from '../sessions/channel-type.js';
import { overridesSource } from './table-sources.js';

/** How a session field reads in filters: as text, a number, an instant or a boolean. */
export type SessionFieldType = 'string' | 'number' | 'datetime' | 'boolean';

/**
 * The landing event's properties the sessions model keeps, one `entry_*` column each (sessionEntryColumn): the
 * sessions view (apps/server/src/storage/clickhouse-schema.ts) writes them from this same list.
 */
export const ENTRY_FIELDS = [
  '$current_url', '$referrer', '$referring_domain', 'utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content',
  'gclid', 'gad_source', 'fbclid', 'msclkid', '$device_type', '$browser', '$os', '$viewport_width', '$viewport_height',
  '$geoip_country_code', '$geoip_subdivision_1_code', '$geoip_subdivision_1_name', '$geoip_city_name', '$browser_language',
  '$timezone', '$host',
] as const;

export type EntryField = (typeof ENTRY_FIELDS)[number];

/**
 * The raw_sessions column that keeps a landing property.
 * @example sessionEntryColumn('$current_url') // => 'entry_current_url'
 */
export function sessionEntryColumn(field: EntryField): string {
  return `entry_${field.replace(/^\$/, '')}`;
}

const M = 'merged';
const OV = 'merged__override';
const ref = (name: string) => column(undefined, name);
const merged = (name: string) => column(M, name);
const entry = (property: EntryField) => merged(sessionEntryColumn(property));
const number = (text: Expr) => call('toInt64OrNull', text);

// Each field: its type and its value from one merged session row. Values are Nullable so that an event whose session
// is unknown reads NULL through the LEFT JOIN (a non-matching row takes the type's default, NULL for these).
const FIELDS: readonly [name: string, type: SessionFieldType, value: Expr][] = [
  ['distinct_id', 'string', merged('distinct_id')],
  // The person after identify/alias merges: the override of the session's first distinct id, else the stored person.
  ['person_id', 'string', call('if', call('notEmpty', column(OV, 'distinct_id')), column(OV, 'person_id'), merged('person_id'))],
  ['$start_timestamp', 'datetime', merged('start')],
  ['$end_timestamp', 'datetime', merged('end')],
  ['$session_duration', 'number', call('dateDiff', constant('second'), merged('start'), merged('end'))],
  ['$pageview_count', 'number', merged('pageviews')],
  ['$autocapture_count', 'number', merged('autocaptures')],
  ['$screen_count', 'number', merged('screens')],
  // Each view ($pageview or $screen) of the session as (uuid, timestamp, $pathname), in no particular order.
  ['$page_views', 'string', merged('page_views')],
  ['$entry_current_url', 'string', entry('$current_url')],
  ['$entry_pathname', 'string', call('path', entry('$current_url'))],
  ['$entry_hostname', 'string', entry('$host')],
  ['$exit_current_url', 'string', merged('exit_url')],
  ['$exit_pathname', 'string', call('path', merged('exit_url'))],
  ['$entry_referrer', 'string', entry('$referrer')],
  ['$entry_referring_domain', 'string', entry('$referring_domain')],
  ['$entry_utm_source', 'string', entry('utm_source')],
  ['$entry_utm_medium', 'string', entry('utm_medium')],
  ['$entry_utm_campaign', 'string', entry('utm_campaign')],
  ['$entry_utm_term', 'string', entry('utm_term')],
  ['$entry_utm_content', 'string', entry('utm_content')],
  ['$entry_gclid', 'string', entry('gclid')],
  ['$entry_gad_source', 'string', entry('gad_source')],
  ['$entry_fbclid', 'string', entry('fbclid')],
  ['$entry_msclkid', 'string', entry('msclkid')],
  [
    '$channel_type',
    'string',
    channelTypeExpr({
      utmSource: entry('utm_source'),
      utmMedium: entry('utm_medium'),
      utmCampaign: entry('utm_campaign'),
      referringDomain: entry('$referring_domain'),
      gclid: entry('gclid'),
      gadSource: entry('gad_source'),
      fbclid: entry('fbclid'),
    }),
  ],
  // The landing event's device and place (Warren's addition: PostHog reads these from each event).
  ['$device_type', 'string', entry('$device_type')],
  ['$browser', 'string', entry('$browser')],
  ['$os', 'string', entry('$os')],
  ['$viewport_width', 'number', number(entry('$viewport_width'))],
  ['$viewport_height', 'number', number(entry('$viewport_height'))],
  ['$geoip_country_code', 'string', entry('$geoip_country_code')],
  ['$geoip_subdivision_1_code', 'string', entry('$geoip_subdivision_1_code')],
  ['$geoip_subdivision_1_name', 'string', entry('$geoip_subdivision_1_name')],
  ['$geoip_city_name', 'string', entry('$geoip_city_name')],
  ['$browser_language', 'string', entry('$browser_language')],
  ['$timezone', 'string', entry('$timezone')],
  // Landed from a user agent the isbot list knows (set at ingestion): web analytics leaves these sessions out.
  ['$is_bot', 'boolean', merged('is_bot')],
  // PostHog's rule: not a bounce with more than one pageview, any autocapture, or 10 s or more.
  [
    '$is_bounce',
    'boolean',
    call(
      'toBool',
      call(
        'not',
        call(
          'or',
          call('greater', ref('$pageview_count'), constant(1)),
          call('greater', ref('$autocapture_count'), constant(0)),
          call('greaterOrEquals', ref('$session_duration'), constant(10)),
        ),
      ),
    ),
  ],
];

/** Fields that are arrays, which ClickHouse cannot make Nullable (an unknown session reads an empty array). */
const ARRAYS: ReadonlySet<string> = new Set(['$page_views']);

/** Every session field by name, `session_id` included. */
export const SESSION_FIELDS: ReadonlyMap<string, SessionFieldType> = new Map([
  ['session_id', 'string'],
  ...FIELDS.map(([name, type]): [string, SessionFieldType] => [name, type]),
]);

/** Dates (UTC) the sessions read must have started between; sessions are pruned by the day in their id. */
export interface SessionWindow {
  from: Expr;
  to: Expr;
  /**
   * Read exactly these days of the session id instead of those around `from`…`to`: inclusive ranges of
   * `YYYY-MM-DD` days, and the sessions whose id is not a UUIDv7 (filed under 1970-01-01) or not. Web queries read
   * the days that pre-aggregated rows do not stand for (web-analytics/web-rollups.ts); a rollup reads its one day.
   * Only reads of the `sessions` table are narrowed so: an event's `session.<field>` join reads around the window.
   */
  days?: SessionDays;
}

/** Days of the session id to read (see SessionWindow.days). */
export interface SessionDays {
  ranges: readonly (readonly [from: string, to: string])[];
  undated: boolean;
}

/**
 * Sessions, one row per `$session_id` of the project, read from the sessions model (`raw_sessions`, kept current by a
 * materialized view over events): the HogQL `sessions` table and the `session.<field>` join of events. The table is
 * read `FINAL`: a sorted merge of its parts' states per session (its key is the project, the id's day and the id), not
 * a hash table over every session read. With a window, only sessions whose id says they began within a day of it are
 * read (ids that are not UUIDv7 always are). Given the fields a query reads (`session_id` is always there), only those
 * are printed, and the overrides join only when `person_id` is one of them: ClickHouse analyses every printed column
 * (the channel type alone is kilobytes of SQL) and runs a LEFT JOIN even when nothing reads it.
 * @example sessionsSource() // (SELECT merged.session_id AS session_id, … FROM (SELECT … FROM raw_sessions FINAL …) AS merged)
 * @example sessionsSource(window, new Set(['$start_timestamp'])) // session_id and $start_timestamp only, no join
 */
export function sessionsSource(window?: SessionWindow, read?: ReadonlySet<string>): TableSource {
  const wanted = read ? withDependencies(read) : undefined;
  const fields = wanted ? FIELDS.filter(([name]) => wanted.has(name)) : FIELDS;
  const values = fields.map(([, , value]) => value);
  const overridden = columnsOf(values, OV).size > 0;
  const rows = columnsOf(values, M);
  if (overridden) rows.add('distinct_id');
  const query: SelectQuery = {
    kind: 'select',
    select: [alias(merged('session_id'), 'session_id'), ...fields.map(([name, , value]) => alias(ARRAYS.has(name) ? value : call('toNullable', value), name))],
    from: { source: { kind: 'subquery', query: sessionRows(window, read ? rows : undefined) }, alias: M },
  };
  if (overridden) query.joins = [{ type: 'LEFT JOIN', source: overridesSource(), alias: OV, on: call('equals', column(OV, 'distinct_id'), merged('distinct_id')) }];
  return { kind: 'subquery', query };
}

/** The fields read plus those their values refer to by name (`$is_bounce` reads `$pageview_count`, …). */
function withDependencies(read: ReadonlySet<string>): Set<string> {
  const wanted = new Set(read);
  for (let i = FIELDS.length - 1; i >= 0; i--) {
    const [name, , value] = FIELDS[i];
    if (wanted.has(name)) for (const dependency of columnsOf([value], undefined)) wanted.add(dependency);
  }
  return wanted;
}

/** Names of the columns of `table` (undefined: unqualified names) that the expressions refer to. */
function columnsOf(exprs: readonly Expr[], table: string | undefined): Set<string> {
  const names = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    const ref = node as { kind?: string; table?: string; name?: string };
    if (ref.kind === 'column' && ref.table === table && typeof ref.name === 'string') names.add(ref.name);
    Object.values(node).forEach(visit);
  };
  visit(exprs);
  return names;
}

/**
 * How raw_sessions keeps "the first event's value" columns (apps/server/src/storage/clickhouse-schema.ts writes them,
 * this file and the schema's SQL helpers read them): an 8-byte big-endian key, then the value, the smallest string
 * kept. 1-based byte positions, as ClickHouse's substring counts them.
 */
export const FIRST_VALUE_LAYOUT = {
  /** Where the value starts, after the key. */
  value: 9,
  /** A landing field's value: '=' then the text, or `absent` when the landing event did not have it. */
  entryText: 10,
  absent: '~',
  /** `first_actor`'s value: the person's 16 bytes, then the distinct id. */
  person: 9,
  personBytes: 16,
  distinctId: 25,
} as const;

const R = 'raw_sessions';
const finalized = (name: string) => call('finalizeAggregation', column(R, name));

/** Bytes `from` (1-based) on of a stored "first event's value". */
const after = (name: string, from: number, length?: number) =>
  call('substring', column(R, name), constant(from, 'Int64'), ...(length === undefined ? [] : [constant(length, 'Int64')]));

/** A landing property as stored, as its text or NULL. */
function entryText(field: EntryField): Expr {
  const name = sessionEntryColumn(field);
  const L = FIRST_VALUE_LAYOUT;
  return call('if', call('equals', after(name, L.value), constant(L.absent)), constant(null), after(name, L.entryText));
}

/** Sessions filed under the listed days (see SessionWindow.days); constant false when none are. */
function dayPruning(day: Expr, days: SessionDays): Expr {
  const asDay = (text: string) => call('toDate', constant(text));
  const terms: Expr[] = days.ranges.map(([from, to]) =>
    from === to ? call('equals', day, asDay(from)) : call('and', call('greaterOrEquals', day, asDay(from)), call('lessOrEquals', day, asDay(to))),
  );
  if (days.undated) terms.unshift(call('equals', day, call('toDate', constant(0, 'Int64'))));
  if (terms.length === 0) return constant(false);
  return terms.length === 1 ? terms[0] : call('or', ...terms);
}

/**
 * One row per session with its merged states finalized, as the columns `used` name (all without it); ClickHouse reads
 * only the stored columns these need.
 */
function sessionRows(window?: SessionWindow, used?: ReadonlySet<string>): SelectQuery {
  const day = column(R, 'session_day');
  const pruning = window?.days
    ? dayPruning(day, window.days)
    : window
    ? call(
        'or',
        call('equals', day, call('toDate', constant(0, 'Int64'))),
        call(
          'and',
          call('greaterOrEquals', day, call('subtractDays', call('toDate', window.from), constant(1, 'Int64'))),
          call('lessOrEquals', day, call('addDays', call('toDate', window.to), constant(1, 'Int64'))),
        ),
      )
    : undefined;
  const rows: [name: string, value: Expr][] = [
    ['session_id', column(R, 'session_id')],
    ['start', column(R, 'min_timestamp')],
    ['end', column(R, 'max_timestamp')],
    // The first event's time (8 bytes), person (16) and distinct id, read without finalizing a state.
    ['distinct_id', after('first_actor', FIRST_VALUE_LAYOUT.distinctId)],
    [
      'person_id',
      call(
        'reinterpretAsUUID',
        call('toFixedString', after('first_actor', FIRST_VALUE_LAYOUT.person, FIRST_VALUE_LAYOUT.personBytes), constant(FIRST_VALUE_LAYOUT.personBytes, 'UInt64')),
      ),
    ],
    ['is_bot', call('toUInt8', call('equals', after('is_bot', FIRST_VALUE_LAYOUT.value), constant('1')))],
    ['exit_url', finalized('exit_url')],
    // Sets of event uuids (arrays merged as sets): their lengths are the counts.
    ...['pageviews', 'autocaptures', 'screens'].map((name): [string, Expr] => [name, call('length', column(R, name))]),
    ['page_views', column(R, 'page_views')],
    ...ENTRY_FIELDS.map((field): [string, Expr] => [sessionEntryColumn(field), entryText(field)]),
  ];
  return {
    kind: 'select',
    select: rows.filter(([name]) => !used || name === 'session_id' || used.has(name)).map(([name, value]) => alias(value, name)),
    from: { source: table('raw_sessions', { final: true }), alias: R },
    where: and(pruning),
  };
}
