import { ENTRY_FIELDS, FIRST_VALUE_LAYOUT, sessionEntryColumn } from '@warren/query/hogql/sessions-source';

/** What each snapshot row adds to its recording's metadata (computed at ingest: apps/server/src/replay/snapshot-summary.ts). */
const SNAPSHOT_SUMMARY_COLUMNS = [
  'event_count UInt32 DEFAULT 0',
  'click_count UInt32 DEFAULT 0',
  'keypress_count UInt32 DEFAULT 0',
  'mouse_activity_count UInt32 DEFAULT 0',
  'console_log_count UInt32 DEFAULT 0',
  'console_warn_count UInt32 DEFAULT 0',
  'console_error_count UInt32 DEFAULT 0',
  'active_milliseconds UInt64 DEFAULT 0',
  'active_second_marks Array(UInt32) DEFAULT []',
  'urls Array(String) DEFAULT []',
];

/**
 * ClickHouse DDL for everything analytical. One dialect for chDB (embedded) and a ClickHouse server.
 *
 * Identity is modelled the way PostHog's "persons on events" mode does it: every event stores the person id it
 * had when it was ingested, and `person_distinct_id_overrides` remaps the distinct ids whose person changed
 * later (identify / alias merges). Queries read `if(override exists, override, events.person_id)`.
 */
const CORE_TABLES: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS events (
    team_id Int64,
    uuid UUID,
    event String,
    distinct_id String,
    person_id UUID,
    timestamp DateTime64(6, 'UTC'),
    created_at DateTime64(6, 'UTC'),
    properties String,
    elements_chain String,
    \`$session_id\` String,
    \`$window_id\` String,
    \`$group_0\` String,
    \`$group_1\` String,
    \`$group_2\` String,
    \`$group_3\` String,
    \`$group_4\` String,
    inserted_at DateTime64(6, 'UTC') DEFAULT now64(6)
  ) ENGINE = ReplacingMergeTree(inserted_at)
  PARTITION BY toYYYYMM(timestamp)
  ORDER BY (team_id, toDate(timestamp), event, cityHash64(distinct_id), cityHash64(uuid))`,

  `CREATE TABLE IF NOT EXISTS person (
    team_id Int64,
    id UUID,
    created_at DateTime64(3, 'UTC'),
    properties String,
    is_identified UInt8,
    is_deleted UInt8,
    version UInt64
  ) ENGINE = ReplacingMergeTree(version)
  ORDER BY (team_id, id)`,

  `CREATE TABLE IF NOT EXISTS person_distinct_id_overrides (
    team_id Int64,
    distinct_id String,
    person_id UUID,
    is_deleted UInt8,
    version UInt64
  ) ENGINE = ReplacingMergeTree(version)
  ORDER BY (team_id, distinct_id)`,

  `CREATE TABLE IF NOT EXISTS groups (
    team_id Int64,
    group_type_index UInt8,
    group_key String,
    group_properties String,
    created_at DateTime64(3, 'UTC'),
    version UInt64
  ) ENGINE = ReplacingMergeTree(version)
  ORDER BY (team_id, group_type_index, group_key)`,

  `CREATE TABLE IF NOT EXISTS session_replay_events (
    team_id Int64,
    session_id String,
    window_id String,
    distinct_id String,
    uuid UUID,
    timestamp DateTime64(3, 'UTC'),
    first_event_ts DateTime64(3, 'UTC') CODEC(Delta, ZSTD(1)),
    last_event_ts DateTime64(3, 'UTC') CODEC(Delta, ZSTD(1)),
    snapshot_data String CODEC(ZSTD(3)),
    snapshot_bytes UInt64,
    lib String,
    inserted_at DateTime64(6, 'UTC') DEFAULT now64(6),
    ${SNAPSHOT_SUMMARY_COLUMNS.join(',\n    ')}
  ) ENGINE = ReplacingMergeTree(inserted_at)
  PARTITION BY toYYYYMM(timestamp)
  ORDER BY (team_id, session_id, window_id, timestamp, uuid)`,

  // Cohort membership, one set of rows per calculation `version`. Readers read only the version the meta DB names
  // current, so a recomputation swaps in atomically when that row changes; older versions are deleted afterwards.
  `CREATE TABLE IF NOT EXISTS cohort_people (
    team_id Int64,
    cohort_id Int64,
    person_id UUID,
    version UInt64
  ) ENGINE = ReplacingMergeTree
  ORDER BY (team_id, cohort_id, version, person_id)`,
];

/**
 * The sessions model: one row per `$session_id` per project, kept current by a materialized view as events are
 * inserted (no rescans). Every column is an aggregate that does not care how often an event is counted — min, max,
 * argMax, and the sets of event uuids behind the counts — so a replayed insert or the one-off backfill below
 * cannot inflate a figure. The uuid sets are plain arrays merged as sets (`SimpleAggregateFunction`), not uniqExact
 * states: a read takes their length without rebuilding a hash table per session, which cost more than everything
 * else an overview reads. Rows are ordered by the day in the session id (posthog-js session ids are UUIDv7, which carry
 * their start time) so a query for a date range reads only the sessions that started near it; other ids sort under
 * day 1970-01-01 and are always read.
 *
 * The landing event's attribution and device fields (from the first event with a `$current_url`, else the first
 * event) are one column each, and so is the bot flag: the landing key (8 bytes, see orderedKey) then the value, the
 * smallest kept by `min` over Strings, so a query reads only the fields it uses, as a column read plus a substring —
 * argMin states cost most of a web query to finalize per session, and a `min` of tuples is 6x slower to merge
 * (docs/performance.md). At an equal key (two events in the same microsecond) a present value beats an absent one,
 * then the smaller text, whatever order parts merge in. `exit_url` is the last event with one. `page_views`
 * holds each view (`$pageview` or `$screen`) as (uuid, time, `$pathname`): the Page table reads paths from it without
 * parsing the events' JSON again, and each view keeps its time so a period takes exactly the views inside it.
 * `first_actor` is the first event's time (8 bytes), person (16 bytes) and distinct id the same way: both ids from one
 * event, ties in time going to the smaller person.
 * Readers: packages/query/src/hogql/sessions-source.ts.
 */
/** The landing event's properties kept in the `entry_*` columns, in column order. */
export const SESSION_ENTRY_FIELDS = ENTRY_FIELDS;

/**
 * The event properties the sessions view reads as text, parsed from the properties JSON once per event: one
 * JSONExtract into a named tuple, written identically wherever a property is read, so ClickHouse computes it once per
 * block. Each property read by a JSONExtract of its own parsed the JSON again, 26 times an event: the view's SELECT
 * took 2.5x as long. Each element is what `JSONExtract(properties, key, 'Nullable(String)')` gives (a string's value,
 * other JSON as its text, NULL when absent). The viewport sizes are read raw (numbers as sent), on their own.
 */
const TEXT_PROPERTIES = [...new Set(['$current_url', '$pathname', ...ENTRY_FIELDS.filter((key) => !key.startsWith('$viewport_'))])];
const PARSED_PROPERTIES = `JSONExtract(properties, 'Tuple(${TEXT_PROPERTIES.map((key) => `\`${key}\` Nullable(String)`).join(', ')})')`;
const textProperty = (key: string) => `tupleElement(${PARSED_PROPERTIES}, '${key}')`;
/**
 * The landing key: the event's time in microseconds, plus 2^62 when it has no `$current_url`, so any event with a URL
 * comes before every event without one, then the earliest. Each `entry_*` column keeps the smallest (key, value): the
 * landing event's value; at an equal key (two events in the same microsecond) a present value before an absent one,
 * then the smaller text, whatever order the parts merge in.
 */
const url = textProperty('$current_url');
const landingKey = `toUnixTimestamp64Micro(timestamp) + if(isNull(${url}), toInt64(4611686018427387904), toInt64(0))`;
/**
 * A non-negative Int64 as 8 bytes, most significant first: strings that start with it sort by it. Candidates for
 * "the value of the first event" are such a key followed by the value, kept by `min` over Strings — ClickHouse's
 * specialised String min, where a `min` of tuples falls back to generic values (6x slower to merge parts or rows).
 */
const orderedKey = (int64: string) => `reverse(reinterpretAsFixedString(toInt64(${int64})))`;
const { value: VALUE, entryText: ENTRY_TEXT, absent: ABSENT, distinctId: DISTINCT_ID } = FIRST_VALUE_LAYOUT;
/** A landing candidate: the landing key, then the property as text after '=', or ABSENT (see FIRST_VALUE_LAYOUT). */
const entryCandidate = (key: string) => {
  const text = key.startsWith('$viewport_') ? `nullIf(JSONExtractRaw(properties, '${key}'), '')` : textProperty(key);
  return `concat(${orderedKey(landingKey)}, ifNull(concat('=', ${text}), '${ABSENT}'))`;
};

/** The day a UUIDv7 session id was made, else 1970-01-01. */
export const SESSION_DAY_SQL = (sessionId: string) =>
  `if(match(${sessionId}, '^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$'), toDate(UUIDv7ToDateTime(toUUID(${sessionId}))), toDate(0))`;

/**
 * A merged `entry_*` value (landing key, then text) as the property's text, NULL when the landing event did not have
 * it. @example sessionEntryText('min(entry_browser)')
 */
export const sessionEntryText = (value: string) => `if(substring(${value}, ${VALUE}) = '${ABSENT}', NULL, substring(${value}, ${ENTRY_TEXT}))`;

/** A landing property of sessions grouped by session_id, NULL when absent. @example sessionEntrySql('$browser') */
export const sessionEntrySql = (field: (typeof SESSION_ENTRY_FIELDS)[number]) => sessionEntryText(`min(${sessionEntryColumn(field)})`);

/** The bot flag of sessions grouped by session_id, 1 or 0. @example sessionBotSql() */
export const sessionBotSql = () => `toUInt8(substring(min(is_bot), ${VALUE}) = '1')`;

/** The first event's distinct id of sessions grouped by session_id. @example sessionFirstDistinctIdSql() */
export const sessionFirstDistinctIdSql = () => `substring(min(first_actor), ${DISTINCT_ID})`;

/**
 * Events (FROM events) to partial session rows; the view runs it per inserted block, the backfill over everything,
 * an erasure over the sessions it touched (`where` narrows it).
 */
export const sessionRowsSelect = (where = 'true') => `SELECT
    team_id,
    \`$session_id\` AS session_id,
    ${SESSION_DAY_SQL('`$session_id`')} AS session_day,
    min(timestamp) AS min_timestamp,
    max(timestamp) AS max_timestamp,
    min(concat(${orderedKey('toUnixTimestamp64Micro(timestamp)')}, reinterpretAsFixedString(person_id), distinct_id)) AS first_actor,
    groupUniqArrayIf(uuid, event = '$pageview') AS pageviews,
    groupUniqArrayIf(uuid, event = '$autocapture') AS autocaptures,
    groupUniqArrayIf(uuid, event = '$screen') AS screens,
    ${SESSION_ENTRY_FIELDS.map((f) => `min(${entryCandidate(f)}) AS ${sessionEntryColumn(f)}`).join(',\n    ')},
    min(concat(${orderedKey(landingKey)}, if(JSONExtractRaw(properties, '$is_bot') = 'true', '1', '0'))) AS is_bot,
    argMaxState(${url}, timestamp) AS exit_url,
    groupUniqArrayIf(tuple(uuid, timestamp, ${textProperty('$pathname')}), event IN ('$pageview', '$screen')) AS page_views
  FROM events
  WHERE \`$session_id\` != '' AND (${where})
  GROUP BY team_id, session_id, session_day`;

/** The materialized view that keeps raw_sessions current as events are inserted. */
export const SESSIONS_VIEW = 'raw_sessions_mv2';

/** The raw_sessions table (under `name` while a reshape fills it). */
const SESSIONS_TABLE = (name: string) => `CREATE TABLE IF NOT EXISTS ${name} (
    team_id Int64,
    session_id String,
    session_day Date,
    min_timestamp SimpleAggregateFunction(min, DateTime64(6, 'UTC')),
    max_timestamp SimpleAggregateFunction(max, DateTime64(6, 'UTC')),
    first_actor ${FIRST_VALUE},
    pageviews ${UUID_SET},
    autocaptures ${UUID_SET},
    screens ${UUID_SET},
    ${SESSION_ENTRY_FIELDS.map((f) => `${sessionEntryColumn(f)} ${FIRST_VALUE}`).join(',\n    ')},
    is_bot ${FIRST_VALUE},
    exit_url AggregateFunction(argMax, Nullable(String), DateTime64(6, 'UTC')),
    page_views SimpleAggregateFunction(groupUniqArrayArray, Array(Tuple(UUID, DateTime64(6, 'UTC'), Nullable(String))))
  ) ENGINE = AggregatingMergeTree
  ORDER BY (team_id, session_day, session_id)`;

const UUID_SET = 'SimpleAggregateFunction(groupUniqArrayArray, Array(UUID))';
/** A "first event's value" column: an ordered key then the value, the smallest kept (see orderedKey). */
const FIRST_VALUE = 'SimpleAggregateFunction(min, String)';

/** A column of the current raw_sessions shape and its type: a table without it is rebuilt (SESSIONS_RESHAPE). */
export const SESSIONS_SHAPE_MARK = { column: 'entry_current_url', type: FIRST_VALUE } as const;

/**
 * Rebuilds a raw_sessions of an older shape (one `entry` tuple, uniqExact counts) from the stored events, on start,
 * before anything is ingested: the new table is filled under another name and swapped in, so a start interrupted anywhere leaves either
 * the old table (and does it all again) or the new one (and drops the leftover).
 */
export const SESSIONS_RESHAPE: readonly string[] = [
  'DROP VIEW IF EXISTS raw_sessions_mv',
  // It reads raw_sessions and would follow the old table through the rename; made again after the swap.
  'DROP VIEW IF EXISTS raw_session_touches_mv',
  `DROP VIEW IF EXISTS ${SESSIONS_VIEW}`,
  'DROP TABLE IF EXISTS raw_sessions_next',
  SESSIONS_TABLE('raw_sessions_next'),
  `INSERT INTO raw_sessions_next ${sessionRowsSelect()}`,
  // The insert leaves parts that each span every day; FINAL reads would merge them all on every query until the
  // background merges catch up (7x slower at 2M sessions), so they are merged once here (half a minute for 2M).
  'OPTIMIZE TABLE raw_sessions_next FINAL',
  'RENAME TABLE raw_sessions TO raw_sessions_old, raw_sessions_next TO raw_sessions',
];

export const CLICKHOUSE_SESSION_TABLES: readonly string[] = [
  SESSIONS_TABLE('raw_sessions'),
  'DROP TABLE IF EXISTS raw_sessions_old',
  // Data dirs made before the properties were parsed once per event: their view, replaced by one that does.
  'DROP VIEW IF EXISTS raw_sessions_mv',
  `CREATE MATERIALIZED VIEW IF NOT EXISTS ${SESSIONS_VIEW} TO raw_sessions AS ${sessionRowsSelect()}`,
];

/**
 * Recordings' metadata: one row per session, kept current by a view as snapshot rows are inserted (the rows carry
 * their own counts, computed at ingest). Times, URLs and the first distinct id are aggregates a replayed insert
 * cannot change; the counts are sums, kept exact by the ingest pipeline's uuid dedup (a retried or replayed
 * `$snapshot` is never inserted twice). Ordered by the day in the (UUIDv7) session id like raw_sessions, so a date
 * range reads only the recordings that started near it. Readers: apps/server/src/replay/recording-list-query.ts.
 */
export const recordingSummarySelect = (where = 'true') => `SELECT
    team_id,
    session_id,
    ${SESSION_DAY_SQL('session_id')} AS session_day,
    min(first_event_ts) AS start_time,
    max(last_event_ts) AS end_time,
    max(timestamp) AS last_snapshot_at,
    argMinState(distinct_id, first_event_ts) AS distinct_id,
    argMinIfState(urls[1], first_event_ts, notEmpty(urls)) AS first_url,
    groupUniqArrayArray(urls) AS all_urls,
    any(lib) AS lib,
    sum(toUInt64(event_count)) AS event_count,
    sum(snapshot_bytes) AS snapshot_bytes,
    sum(toUInt64(click_count)) AS click_count,
    sum(toUInt64(keypress_count)) AS keypress_count,
    sum(toUInt64(mouse_activity_count)) AS mouse_activity_count,
    sum(toUInt64(console_log_count)) AS console_log_count,
    sum(toUInt64(console_warn_count)) AS console_warn_count,
    sum(toUInt64(console_error_count)) AS console_error_count,
    sum(active_milliseconds) AS active_milliseconds,
    groupUniqArrayArray(active_second_marks) AS active_marks
  FROM session_replay_events
  WHERE session_id != '' AND (${where})
  GROUP BY team_id, session_id, session_day`;

export const CLICKHOUSE_REPLAY_TABLES: readonly string[] = [
  // Data dirs from before recordings had metadata: the summary columns and codecs, added in place.
  ...SNAPSHOT_SUMMARY_COLUMNS.map((c) => `ALTER TABLE session_replay_events ADD COLUMN IF NOT EXISTS ${c}`),
  `ALTER TABLE session_replay_events MODIFY COLUMN snapshot_data String CODEC(ZSTD(3))`,
  `CREATE TABLE IF NOT EXISTS session_replay_summaries (
    team_id Int64,
    session_id String,
    session_day Date,
    start_time SimpleAggregateFunction(min, DateTime64(3, 'UTC')),
    end_time SimpleAggregateFunction(max, DateTime64(3, 'UTC')),
    last_snapshot_at SimpleAggregateFunction(max, DateTime64(3, 'UTC')),
    distinct_id AggregateFunction(argMin, String, DateTime64(3, 'UTC')),
    first_url AggregateFunction(argMinIf, String, DateTime64(3, 'UTC'), UInt8),
    all_urls SimpleAggregateFunction(groupUniqArrayArray, Array(String)),
    lib SimpleAggregateFunction(any, String),
    event_count SimpleAggregateFunction(sum, UInt64),
    snapshot_bytes SimpleAggregateFunction(sum, UInt64),
    click_count SimpleAggregateFunction(sum, UInt64),
    keypress_count SimpleAggregateFunction(sum, UInt64),
    mouse_activity_count SimpleAggregateFunction(sum, UInt64),
    console_log_count SimpleAggregateFunction(sum, UInt64),
    console_warn_count SimpleAggregateFunction(sum, UInt64),
    console_error_count SimpleAggregateFunction(sum, UInt64),
    active_milliseconds SimpleAggregateFunction(sum, UInt64),
    active_marks SimpleAggregateFunction(groupUniqArrayArray, Array(UInt32))
  ) ENGINE = AggregatingMergeTree
  ORDER BY (team_id, session_day, session_id)`,
  // Summaries tables made before active seconds were marked: the column, and the view replaced by one that fills it.
  `ALTER TABLE session_replay_summaries ADD COLUMN IF NOT EXISTS active_marks SimpleAggregateFunction(groupUniqArrayArray, Array(UInt32))`,
  `DROP VIEW IF EXISTS session_replay_summaries_mv`,
  `CREATE MATERIALIZED VIEW IF NOT EXISTS session_replay_summaries_mv2 TO session_replay_summaries AS ${recordingSummarySelect()}`,
];

/** Every analytical table, in creation order (the sessions view after the events it reads). */
export const CLICKHOUSE_TABLES: readonly string[] = [...CORE_TABLES, ...CLICKHOUSE_SESSION_TABLES, ...CLICKHOUSE_REPLAY_TABLES];

export const CLICKHOUSE_SUPPORT_TABLES: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS ingestion_warnings (
    team_id Int64,
    source String,
    type String,
    details String,
    timestamp DateTime64(6, 'UTC')
  ) ENGINE = MergeTree
  PARTITION BY toYYYYMM(timestamp)
  ORDER BY (team_id, timestamp)`,
];
