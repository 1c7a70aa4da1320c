import { clickhouseTime } from './clickhouse-time.js';
import type { NormalizedEvent } from './types.js';

export interface SnapshotRow {
  team_id: number;
  session_id: string;
  window_id: string;
  distinct_id: string;
  uuid: string;
  timestamp: string;
  first_event_ts: string;
  last_event_ts: string;
  snapshot_data: string;
  snapshot_bytes: number;
  lib: string;
}

/**
 * A `$snapshot` event (from `/s/`) as a session_replay_events row: the rrweb events kept verbatim, with the time
 * span they cover so playback can fetch blocks in order. Example: snapshotRow(e).session_id === e.properties.$session_id.
 */
export function snapshotRow(event: NormalizedEvent): SnapshotRow {
  const p = event.properties;
  const data = Array.isArray(p.$snapshot_data) ? p.$snapshot_data : p.$snapshot_data === undefined ? [] : [p.$snapshot_data];
  const times = data
    .map((e) => (typeof e === 'object' && e !== null ? Number((e as { timestamp?: unknown }).timestamp) : NaN))
    .filter((t) => Number.isFinite(t) && t > 0 && t < 8.64e15);
  const first = times.length ? new Date(Math.min(...times)).toISOString() : event.timestamp;
  const last = times.length ? new Date(Math.max(...times)).toISOString() : event.timestamp;
  const serialized = JSON.stringify(data);
  return {
    team_id: event.teamId,
    session_id: event.sessionId || String(p.$session_id ?? ''),
    window_id: event.windowId || String(p.$window_id ?? ''),
    distinct_id: event.distinctId,
    uuid: event.uuid,
    timestamp: clickhouseTime(event.timestamp),
    first_event_ts: clickhouseTime(first),
    last_event_ts: clickhouseTime(last),
    snapshot_data: serialized,
    snapshot_bytes: typeof p.$snapshot_bytes === 'number' ? p.$snapshot_bytes : serialized.length,
    lib: typeof p.$lib === 'string' ? p.$lib : '',
  };
}
