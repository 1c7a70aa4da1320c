/**
 * ClickHouse DDL for everything analytical. One dialect for chDB (embedded) and a ClickHouse server.
 *
 * Identity is modelled the way PostHog's "persons on events" mode does it: every event stores the person id it
 * had when it was ingested, and `person_distinct_id_overrides` remaps the distinct ids whose person changed
 * later (identify / alias merges). Queries read `if(override exists, override, events.person_id)`.
 */
export const CLICKHOUSE_TABLES: readonly string[] = [
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
