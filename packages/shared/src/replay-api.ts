/**
 * Session recordings as `GET /api/projects/:id/session_recordings/` (PostHog's recordings API, rest-api.md 4.8)
 * returns them, as the server builds them (apps/server/src/replay/) and the web app's replay screens read them.
 * A recording's `id` is the `$session_id` the SDK sent.
 */

/** The person a recording belongs to (after identify / alias merges). */
export interface RecordingPersonApi {
  /** PostHog sends a numeric id; Warren has only the uuid, so both fields carry it. */
  id: string;
  uuid: string;
  name: string;
  distinct_ids: string[];
  properties: Record<string, unknown>;
  /** ISO 8601. */
  created_at: string;
}

/** One recording: its time span, activity and where it happened. Times are ISO 8601 (UTC, `Z`). */
export interface SessionRecordingApi {
  id: string;
  distinct_id: string;
  /** Whether the asking user has opened it (per user). */
  viewed: boolean;
  /** Users (emails) who have opened it. */
  viewers: string[];
  /** Seconds from the first to the last rrweb event. */
  recording_duration: number;
  active_seconds: number;
  inactive_seconds: number;
  start_time: string;
  end_time: string;
  click_count: number;
  keypress_count: number;
  mouse_activity_count: number;
  console_log_count: number;
  console_warn_count: number;
  console_error_count: number;
  start_url: string | null;
  /** Every URL seen in the recording (rrweb Meta events' href), in no particular order. */
  urls: string[];
  person: RecordingPersonApi | null;
  /** Warren keeps snapshots in its event store; PostHog's value for the same (blob_v2) protocol. */
  storage: 'object_storage';
  retention_period_days: number;
  /** When the recording is deleted: start_time + retention_period_days. */
  expiry_time: string;
  /** Whole days left before expiry (0 on the last day). */
  recording_ttl: number;
  snapshot_source: 'web' | 'mobile' | 'unknown';
  /** True while snapshots still arrive (the last one less than 5 minutes ago). */
  ongoing: boolean;
  /** 0–100: how busy the recording is; see apps/server/src/replay/activity-score.ts. */
  activity_score: number;
  /** Where the session's events put it (entry event's properties); null when the session has no events. */
  browser: string | null;
  os: string | null;
  device_type: string | null;
  country_code: string | null;
}

/** A page of the recordings list. */
export interface SessionRecordingsListApi {
  results: SessionRecordingApi[];
  has_next: boolean;
  version: 4;
}

/** `order` values of the list (direction from `order_direction`, DESC by default). */
export const RECORDING_ORDER_FIELDS = [
  'start_time',
  'duration',
  'recording_duration',
  'active_seconds',
  'inactive_seconds',
  'console_error_count',
  'click_count',
  'keypress_count',
  'mouse_activity_count',
  'activity_score',
] as const;
export type RecordingOrderField = (typeof RECORDING_ORDER_FIELDS)[number];

/** `PATCH /session_recordings/:id/`. */
export interface SessionRecordingPatchApi {
  viewed?: boolean;
  analyzed?: boolean;
}

/**
 * One block of snapshots: a run of the recording's rrweb events in time order, fetched on its own. `blob_key`s are
 * stable while a recording is ongoing (new snapshots add keys or grow the last block, never renumber).
 */
export interface SnapshotSourceApi {
  source: 'blob_v2';
  start_timestamp: string;
  end_timestamp: string;
  blob_key: string;
}

/** `GET /session_recordings/:id/snapshots/` without `source`: the blocks, in time order. */
export interface SnapshotSourcesApi {
  sources: SnapshotSourceApi[];
}

/** An rrweb event as the player takes it (plain JSON: Warren stores posthog-js's compressed fields expanded). */
export interface RrwebEventApi {
  /** rrweb EventType: 0 DomContentLoaded, 1 Load, 2 FullSnapshot, 3 IncrementalSnapshot, 4 Meta, 5 Custom, 6 Plugin. */
  type: number;
  /** Epoch milliseconds. */
  timestamp: number;
  data: unknown;
  delay?: number;
}

/**
 * One line of `?source=blob_v2&blob_key=N` (`application/jsonl`): the window the event came from and the event.
 * Example line: `["0190…window", {"type":2,"timestamp":1714564800000,"data":{…}}]`.
 */
export type SnapshotLineApi = [windowId: string, event: RrwebEventApi];

/** Parses a snapshots response body (JSON lines) into its lines. Example: parseSnapshotLines('["w",{"type":4,"timestamp":1,"data":{}}]\n'). */
export function parseSnapshotLines(body: string): SnapshotLineApi[] {
  const lines: SnapshotLineApi[] = [];
  for (const line of body.split('\n')) if (line.trim() !== '') lines.push(JSON.parse(line) as SnapshotLineApi);
  return lines;
}
