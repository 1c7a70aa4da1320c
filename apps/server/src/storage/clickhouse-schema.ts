import { ENTRY_TUPLE_FIELDS } from '@warren/query/hogql/sessions-source';

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
    first_event_ts DateTime64(3, 'UTC'),
    last_event_ts DateTime64(3, 'UTC'),
    snapshot_data String,
    snapshot_bytes UInt64,
    lib String,
    inserted_at DateTime64(6, 'UTC') DEFAULT now64(6)
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
 * inserted (no rescans). Every column is an aggregate state that does not care how often an event is counted — min,
 * max, argMin/argMax and uniqExact over event uuids — so a replayed insert or the one-off backfill below cannot
 * inflate a figure. Rows are ordered by the day in the session id (posthog-js session ids are UUIDv7, which carry
 * their start time) so a query for a date range reads only the sessions that started near it; other ids sort under
 * day 1970-01-01 and are always read.
 *
 * `entry` is the landing event's attribution and device fields, taken from the first event with a `$current_url`
 * (else the first event); `exit_url` from the last event with one. Readers: packages/query/src/hogql/sessions-source.ts.
 */
/** The landing event's properties kept in `entry`, in tuple order: the list the sessions reader reads by position. */
export const SESSION_ENTRY_FIELDS = ENTRY_TUPLE_FIELDS;

const entryType = `Tuple(${SESSION_ENTRY_FIELDS.map(() => 'Nullable(String)').join(', ')})`;
const landingKeyType = "Tuple(UInt8, DateTime64(6, 'UTC'))";
/** A property as text, NULL when absent; numbers (viewport sizes) and booleans as their JSON text. */
const entryValue = (key: string) =>
  key.startsWith('$viewport_') || key === '$is_bot' ? `nullIf(JSONExtractRaw(properties, '${key}'), '')` : `JSONExtract(properties, '${key}', 'Nullable(String)')`;
const url = "JSONExtract(properties, '$current_url', 'Nullable(String)')";

/** The day a UUIDv7 session id was made, else 1970-01-01. */
export const SESSION_DAY_SQL = (sessionId: string) =>
  `if(match(${sessionId}, '^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$'), toDate(UUIDv7ToDateTime(toUUID(${sessionId}))), toDate(0))`;

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
    argMinState(distinct_id, timestamp) AS distinct_id,
    argMinState(person_id, timestamp) AS person_id,
    uniqExactIfState(uuid, event = '$pageview') AS pageviews,
    uniqExactIfState(uuid, event = '$autocapture') AS autocaptures,
    uniqExactIfState(uuid, event = '$screen') AS screens,
    argMinState(tuple(${SESSION_ENTRY_FIELDS.map(entryValue).join(', ')}), tuple(toUInt8(isNull(${url})), timestamp)) AS entry,
    argMaxState(${url}, tuple(toUInt8(isNotNull(${url})), timestamp)) AS exit_url
  FROM events
  WHERE \`$session_id\` != '' AND (${where})
  GROUP BY team_id, session_id, session_day`;

export const CLICKHOUSE_SESSION_TABLES: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS raw_sessions (
    team_id Int64,
    session_id String,
    session_day Date,
    min_timestamp SimpleAggregateFunction(min, DateTime64(6, 'UTC')),
    max_timestamp SimpleAggregateFunction(max, DateTime64(6, 'UTC')),
    distinct_id AggregateFunction(argMin, String, DateTime64(6, 'UTC')),
    person_id AggregateFunction(argMin, UUID, DateTime64(6, 'UTC')),
    pageviews AggregateFunction(uniqExactIf, UUID, UInt8),
    autocaptures AggregateFunction(uniqExactIf, UUID, UInt8),
    screens AggregateFunction(uniqExactIf, UUID, UInt8),
    entry AggregateFunction(argMin, ${entryType}, ${landingKeyType}),
    exit_url AggregateFunction(argMax, Nullable(String), Tuple(UInt8, DateTime64(6, 'UTC')))
  ) ENGINE = AggregatingMergeTree
  ORDER BY (team_id, session_day, session_id)`,
  `CREATE MATERIALIZED VIEW IF NOT EXISTS raw_sessions_mv TO raw_sessions AS ${sessionRowsSelect()}`,
];

/** Every analytical table, in creation order (the sessions view after the events it reads). */
export const CLICKHOUSE_TABLES: readonly string[] = [...CORE_TABLES, ...CLICKHOUSE_SESSION_TABLES];

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
