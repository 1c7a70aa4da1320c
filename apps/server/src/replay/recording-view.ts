import type { RecordingPersonApi, SessionRecordingApi } from '@warren/shared/replay-api';
import { RECORDING_COLUMNS } from './recording-list-query.js';

/** A recording row as recordingListSql returns it, keyed by column. */
export type RecordingRow = Record<(typeof RECORDING_COLUMNS)[number], unknown>;

/** Where the session's events place it (raw_sessions entry fields). */
export interface SessionPlace {
  browser: string | null;
  os: string | null;
  deviceType: string | null;
  countryCode: string | null;
  currentUrl: string | null;
}

export interface RecordingContext {
  now: Date;
  retentionDays: number;
  views: { viewed: boolean; viewers: string[] } | undefined;
  place: SessionPlace | undefined;
  person: RecordingPersonApi | null;
}

/** Snapshots still arriving within this long make a recording `ongoing`. */
export const ONGOING_WITHIN_MS = 5 * 60_000;
const DAY_MS = 86_400_000;

/** JSONCompact values of one row, keyed by RECORDING_COLUMNS. Example: recordingRow(['s1', …]).session_id === 's1'. */
export function recordingRow(values: unknown[]): RecordingRow {
  return Object.fromEntries(RECORDING_COLUMNS.map((c, i) => [c, values[i]])) as RecordingRow;
}

/** PostHog's recording object (rest-api.md 4.8). Example: recordingView(row, ctx).id === row.session_id. */
export function recordingView(row: RecordingRow, ctx: RecordingContext): SessionRecordingApi {
  const start = utc(row.start_time);
  const expiry = new Date(Date.parse(start) + ctx.retentionDays * DAY_MS);
  const lib = String(row.lib ?? '');
  return {
    id: String(row.session_id),
    distinct_id: String(row.distinct_id ?? ''),
    viewed: ctx.views?.viewed ?? false,
    viewers: ctx.views?.viewers ?? [],
    recording_duration: Number(row.duration),
    active_seconds: Number(row.active_seconds),
    inactive_seconds: Number(row.inactive_seconds),
    start_time: start,
    end_time: utc(row.end_time),
    click_count: Number(row.click_count),
    keypress_count: Number(row.keypress_count),
    mouse_activity_count: Number(row.mouse_activity_count),
    console_log_count: Number(row.console_log_count),
    console_warn_count: Number(row.console_warn_count),
    console_error_count: Number(row.console_error_count),
    start_url: (row.first_url ? String(row.first_url) : null) ?? ctx.place?.currentUrl ?? null,
    urls: Array.isArray(row.urls) ? row.urls.map(String) : [],
    person: ctx.person,
    storage: 'object_storage',
    retention_period_days: ctx.retentionDays,
    expiry_time: expiry.toISOString(),
    recording_ttl: Math.max(0, Math.floor((expiry.getTime() - ctx.now.getTime()) / DAY_MS)),
    snapshot_source: lib === 'web' || lib === '' ? 'web' : lib.includes('ios') || lib.includes('android') || lib.includes('flutter') || lib.includes('react-native') ? 'mobile' : 'unknown',
    ongoing: ctx.now.getTime() - Date.parse(utc(row.last_snapshot_at)) < ONGOING_WITHIN_MS,
    activity_score: Number(row.activity_score),
    browser: ctx.place?.browser ?? null,
    os: ctx.place?.os ?? null,
    device_type: ctx.place?.deviceType ?? null,
    country_code: ctx.place?.countryCode ?? null,
  };
}

/** `2024-05-01 12:00:00.123` (ClickHouse, UTC) as ISO 8601 with `Z`. */
function utc(value: unknown): string {
  return `${String(value).replace(' ', 'T')}Z`;
}
