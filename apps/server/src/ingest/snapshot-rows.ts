import { expandSnapshotEvent, type RawRrwebEvent } from '../replay/snapshot-expand.js';
import { redactNetworkEvents } from '../replay/settings/network-redaction.js';
import type { NetworkRedaction } from '../replay/settings/replay-settings.js';
import { summarizeSnapshots } from '../replay/snapshot-summary.js';
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
  event_count: number;
  click_count: number;
  keypress_count: number;
  mouse_activity_count: number;
  console_log_count: number;
  console_warn_count: number;
  console_error_count: number;
  active_milliseconds: number;
  active_second_marks: number[];
  urls: string[];
}

/** A numeric session or window id as text; anything but a string or a number is no id. */
function idText(value: unknown): string {
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
}

/**
 * A `$snapshot` event (from `/s/`) as a session_replay_events row: the rrweb events as plain JSON (posthog-js's
 * compressed fields expanded, see replay/snapshot-expand.ts), the time span they cover so playback can fetch blocks
 * in order, and their summary (counts, active time, URLs) that the recordings view adds up per session. Recorded
 * network requests lose the headers and body keys the project's redaction rules name before anything is stored.
 * Example: snapshotRow(e).session_id === e.properties.$session_id.
 */
export function snapshotRow(event: NormalizedEvent, networkRedaction?: NetworkRedaction): SnapshotRow {
  const p = event.properties;
  const raw = Array.isArray(p.$snapshot_data) ? p.$snapshot_data : p.$snapshot_data === undefined ? [] : [p.$snapshot_data];
  const expanded = raw.map((e) => (typeof e === 'object' && e !== null && !Array.isArray(e) ? expandSnapshotEvent(e as RawRrwebEvent) : e));
  const data = networkRedaction ? redactNetworkEvents(expanded, networkRedaction) : expanded;
  const summary = summarizeSnapshots(data.filter((e): e is RawRrwebEvent => typeof e === 'object' && e !== null));
  const first = summary.firstTimestampMs !== null ? new Date(summary.firstTimestampMs).toISOString() : event.timestamp;
  const last = summary.lastTimestampMs !== null ? new Date(summary.lastTimestampMs).toISOString() : event.timestamp;
  const serialized = JSON.stringify(data);
  return {
    team_id: event.teamId,
    session_id: event.sessionId || idText(p.$session_id),
    window_id: event.windowId || idText(p.$window_id),
    distinct_id: event.distinctId,
    uuid: event.uuid,
    timestamp: clickhouseTime(event.timestamp),
    first_event_ts: clickhouseTime(first),
    last_event_ts: clickhouseTime(last),
    snapshot_data: serialized,
    snapshot_bytes: typeof p.$snapshot_bytes === 'number' ? p.$snapshot_bytes : serialized.length,
    lib: typeof p.$lib === 'string' ? p.$lib : '',
    event_count: summary.eventCount,
    click_count: summary.clickCount,
    keypress_count: summary.keypressCount,
    mouse_activity_count: summary.mouseActivityCount,
    console_log_count: summary.consoleLogCount,
    console_warn_count: summary.consoleWarnCount,
    console_error_count: summary.consoleErrorCount,
    active_milliseconds: summary.activeMilliseconds,
    active_second_marks: summary.activeSecondMarks,
    urls: summary.urls,
  };
}
