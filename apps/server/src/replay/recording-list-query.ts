import type { RecordingsQuery, RecordingFigure } from './recordings-query.js';

/** A recording's figures as the summaries table adds them up (one row per recording). */
const MERGED = `SELECT
      session_id,
      min(start_time) AS start_time,
      max(end_time) AS end_time,
      max(last_snapshot_at) AS last_snapshot_at,
      argMinMerge(distinct_id) AS distinct_id,
      argMinIfMerge(first_url) AS first_url,
      groupUniqArrayArray(all_urls) AS urls,
      any(lib) AS lib,
      sum(click_count) AS click_count,
      sum(keypress_count) AS keypress_count,
      sum(mouse_activity_count) AS mouse_activity_count,
      sum(console_log_count) AS console_log_count,
      sum(console_warn_count) AS console_warn_count,
      sum(console_error_count) AS console_error_count,
      sum(active_milliseconds) AS summed_active_milliseconds,
      groupUniqArrayArray(active_marks) AS active_marks
    FROM session_replay_summaries`;

/**
 * PostHog's active time over the whole recording, at one-second resolution: consecutive seconds with activity that are
 * at most the 5 s threshold apart count their gap. Recordings stored before seconds were marked fall back to the sum
 * of their snapshots' own active time (which misses the stretches that cross a batch boundary).
 */
const ACTIVE_MILLISECONDS = `if(empty(active_marks), summed_active_milliseconds,
        1000 * arraySum(arrayMap(gap -> if(gap <= 5, gap, 0), arrayDifference(arraySort(active_marks)))))`;

/**
 * Activity score, 0–100: half how much of the recording was active (PostHog's active time over its duration), half
 * how busy the user was — clicks, keypresses and a tenth of mouse events per active minute, 30 a minute or more
 * being full marks. It ranks recordings where someone did a lot above long idle tabs.
 */
const DERIVED = `
      ${ACTIVE_MILLISECONDS} AS active_milliseconds,
      toUInt64(greatest(0, intDiv(toUnixTimestamp64Milli(end_time) - toUnixTimestamp64Milli(start_time), 1000))) AS duration,
      least(duration, toUInt64(round(active_milliseconds / 1000))) AS active_seconds,
      duration - active_seconds AS inactive_seconds,
      round(50 * least(1, active_seconds / greatest(duration, 1))
        + 50 * least(1, (click_count + keypress_count + mouse_activity_count / 10) / greatest(active_seconds / 60, 1) / 30), 1) AS activity_score`;

export const RECORDING_COLUMNS = [
  'session_id', 'start_time', 'end_time', 'last_snapshot_at', 'distinct_id', 'first_url', 'urls', 'lib', 'click_count', 'keypress_count',
  'mouse_activity_count', 'console_log_count', 'console_warn_count', 'console_error_count', 'active_milliseconds', 'duration',
  'active_seconds', 'inactive_seconds', 'activity_score',
] as const;

/** Order columns by API name; `duration` and `recording_duration` are the same figure. */
const ORDER_COLUMN: Record<RecordingsQuery['order'], string> = {
  start_time: 'start_time',
  duration: 'duration',
  recording_duration: 'duration',
  active_seconds: 'active_seconds',
  inactive_seconds: 'inactive_seconds',
  console_error_count: 'console_error_count',
  click_count: 'click_count',
  keypress_count: 'keypress_count',
  mouse_activity_count: 'mouse_activity_count',
  activity_score: 'activity_score',
};
const FIGURE_COLUMN: Record<RecordingFigure, string> = {
  duration: 'duration',
  active_seconds: 'active_seconds',
  inactive_seconds: 'inactive_seconds',
  click_count: 'click_count',
  keypress_count: 'keypress_count',
  mouse_activity_count: 'mouse_activity_count',
  console_log_count: 'console_log_count',
  console_warn_count: 'console_warn_count',
  console_error_count: 'console_error_count',
  activity_score: 'activity_score',
};
const OPS = { gt: '>', lt: '<', gte: '>=', lte: '<=', exact: '=' } as const;
const CONSOLE_COLUMN = { error: 'console_error_count', warn: 'console_warn_count', log: 'console_log_count' } as const;

export interface ListScope {
  teamId: number;
  retentionDays: number;
  /** Recordings to leave out: the soft-deleted ones (and the viewed ones when the list hides them). */
  deletedIds: string[];
  /** Sessions allowed by filters answered elsewhere (events, person); undefined = no such filter. */
  sessionIds?: string[];
}

/**
 * The recordings list as one ClickHouse statement with every value bound: the summaries of the project read by the
 * session day (UUIDv7 session ids carry it, so a date range reads only nearby rows), merged per recording,
 * narrowed by time, retention and figures, ordered and paged in the engine. Order column and operators come from
 * allowlists. Example: recordingListSql(q, scope).sql starts with 'SELECT'.
 */
export function recordingListSql(q: RecordingsQuery, scope: ListScope): { sql: string; params: Record<string, unknown> } {
  const params: Record<string, unknown> = {
    team: scope.teamId,
    from: clickhouseMs(q.dateFrom),
    to: clickhouseMs(q.dateTo),
    retention: scope.retentionDays,
    deleted: scope.deletedIds,
    limit: q.limit + 1,
    offset: q.offset,
  };
  const inner = [
    'team_id = {team:Int64}',
    // A day either side: the session id's day is when the SDK made the id, a moment before the first snapshot.
    "(session_day BETWEEN toDate({from:DateTime64(3, 'UTC')}) - 1 AND toDate({to:DateTime64(3, 'UTC')}) + 1 OR session_day = toDate(0))",
    'session_id NOT IN {deleted:Array(String)}',
  ];
  if (scope.sessionIds) (inner.push('session_id IN {sessions:Array(String)}'), (params.sessions = scope.sessionIds));
  if (q.sessionIds) (inner.push('session_id IN {session_ids:Array(String)}'), (params.session_ids = q.sessionIds));
  const outer = [
    "start_time >= {from:DateTime64(3, 'UTC')}",
    "start_time <= {to:DateTime64(3, 'UTC')}",
    'start_time > now64(3) - toIntervalDay({retention:UInt32})',
  ];
  if (q.distinctIds) (outer.push('distinct_id IN {distinct_ids:Array(String)}'), (params.distinct_ids = q.distinctIds));
  q.figures.forEach((f, i) => {
    outer.push(`${FIGURE_COLUMN[f.figure]} ${OPS[f.op]} {figure_${i}:Float64}`);
    params[`figure_${i}`] = f.value;
  });
  if (q.consoleLevels.length > 0) outer.push(`(${q.consoleLevels.map((l) => `${CONSOLE_COLUMN[l]} > 0`).join(' OR ')})`);
  const direction = q.direction === 'ASC' ? 'ASC' : 'DESC';
  const sql = `SELECT ${RECORDING_COLUMNS.join(', ')} FROM (
    SELECT *, ${DERIVED} FROM (${MERGED} WHERE ${inner.join(' AND ')} GROUP BY session_id)
  )
  WHERE ${outer.join(' AND ')}
  ORDER BY ${ORDER_COLUMN[q.order]} ${direction}, session_id ${direction}
  LIMIT {limit:UInt32} OFFSET {offset:UInt32}`;
  return { sql, params };
}

/** One recording (not deleted, within retention) by id, same columns as the list. */
export function recordingByIdSql(teamId: number, sessionId: string, retentionDays: number): { sql: string; params: Record<string, unknown> } {
  const sql = `SELECT ${RECORDING_COLUMNS.join(', ')} FROM (
    SELECT *, ${DERIVED} FROM (${MERGED} WHERE team_id = {team:Int64} AND session_id = {session:String} GROUP BY session_id)
  ) WHERE start_time > now64(3) - toIntervalDay({retention:UInt32})`;
  return { sql, params: { team: teamId, session: sessionId, retention: retentionDays } };
}

/** `YYYY-MM-DD hh:mm:ss.fff` (UTC), how a DateTime64(3) parameter is read. */
export function clickhouseMs(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '');
}
