/**
 * ClickHouse DDL of web analytics' daily pre-aggregates (packages/query/src/web-analytics/web-rollups.ts computes and
 * reads them; apps/server/src/web-analytics/web-rollup-job.ts keeps them). A day is a day of the session id, as
 * raw_sessions files sessions, its rows split in bands by the date the sessions started on; each computation of a day
 * writes its rows under a new `version` and then its `web_rollup_days` row, which is what makes them count. A day's
 * rows stand for its sessions only while nothing has changed them since: the two touch tables record, as they happen,
 * each day of raw_sessions written to and each distinct id whose person changed, and `web_rollup_distinct_ids` lists
 * the first distinct ids of a day's sessions so that a merge finds the days it changes. Made after raw_sessions
 * (clickhouse-schema.ts), whose view they read.
 */
export const CLICKHOUSE_WEB_ROLLUP_TABLES: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS raw_session_touches (
    team_id Int64,
    session_day Date,
    touched_at SimpleAggregateFunction(max, DateTime64(6, 'UTC'))
  ) ENGINE = AggregatingMergeTree
  ORDER BY (team_id, session_day)`,
  // Every write to raw_sessions (the sessions view's, an erasure's rebuild, a backfill) goes through this view.
  `CREATE MATERIALIZED VIEW IF NOT EXISTS raw_session_touches_mv TO raw_session_touches AS
  SELECT team_id, session_day, max(now64(6, 'UTC')) AS touched_at FROM raw_sessions GROUP BY team_id, session_day`,
  `CREATE TABLE IF NOT EXISTS person_override_touches (
    team_id Int64,
    distinct_id String,
    touched_at DateTime64(6, 'UTC')
  ) ENGINE = MergeTree
  ORDER BY (team_id, touched_at)`,
  `CREATE MATERIALIZED VIEW IF NOT EXISTS person_override_touches_mv TO person_override_touches AS
  SELECT team_id, distinct_id, now64(6, 'UTC') AS touched_at FROM person_distinct_id_overrides`,
  `CREATE TABLE IF NOT EXISTS web_rollup_days (
    team_id Int64,
    session_day Date,
    version UInt64
  ) ENGINE = ReplacingMergeTree(version)
  ORDER BY (team_id, session_day)`,
  `CREATE TABLE IF NOT EXISTS web_sessions_daily (
    team_id Int64,
    session_day Date,
    version UInt64,
    band Date,
    visitors AggregateFunction(uniq, Nullable(UUID)),
    views Int64,
    sessions UInt64,
    duration_sum Int64,
    bounces UInt64,
    min_start DateTime64(6, 'UTC'),
    max_start DateTime64(6, 'UTC'),
    max_end DateTime64(6, 'UTC')
  ) ENGINE = MergeTree
  ORDER BY (team_id, session_day, version, band)`,
  `CREATE TABLE IF NOT EXISTS web_pages_daily (
    team_id Int64,
    session_day Date,
    version UInt64,
    band Date,
    path Nullable(String),
    views UInt64,
    visitors AggregateFunction(uniq, Nullable(UUID)),
    landings UInt64,
    landing_bounces UInt64
  ) ENGINE = MergeTree
  ORDER BY (team_id, session_day, version, band)`,
  `CREATE TABLE IF NOT EXISTS web_breakdowns_daily (
    team_id Int64,
    session_day Date,
    version UInt64,
    band Date,
    breakdown LowCardinality(String),
    value Nullable(String),
    visitors AggregateFunction(uniq, Nullable(UUID)),
    views UInt64,
    sessions UInt64,
    bounces UInt64
  ) ENGINE = MergeTree
  ORDER BY (team_id, session_day, version, band, breakdown)`,
  `CREATE TABLE IF NOT EXISTS web_rollup_distinct_ids (
    team_id Int64,
    distinct_id String,
    session_day Date,
    version UInt64
  ) ENGINE = MergeTree
  ORDER BY (team_id, distinct_id, session_day)`,
];

/** The web rollup tables that hold computed rows: emptied when raw_sessions is rebuilt, since they summarize it. */
export const WEB_ROLLUP_ROW_TABLES = ['web_rollup_days', 'web_sessions_daily', 'web_pages_daily', 'web_breakdowns_daily', 'web_rollup_distinct_ids'] as const;

/**
 * A column of the current rollup shape: when rollups exist (`web_rollup_days`) without it, every rollup table is
 * dropped and made again, and the job computes every day anew (a day computed before a table was added would lack
 * its rows).
 */
export const WEB_ROLLUP_SHAPE_MARK = { table: 'web_breakdowns_daily', column: 'value' } as const;

/**
 * Days already in raw_sessions when the touch table is new (or raw_sessions was rebuilt): each filed as last touched
 * at the epoch, so the rollup job computes them at once.
 */
export const RAW_SESSION_TOUCHES_BACKFILL = `INSERT INTO raw_session_touches
  SELECT team_id, session_day, toDateTime64(0, 6, 'UTC') AS touched_at FROM raw_sessions GROUP BY team_id, session_day`;
