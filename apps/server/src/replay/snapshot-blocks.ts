import type { SnapshotSourcesApi } from '@warren/shared/replay-api';
import type { EventStore } from '../storage/event-store.js';

/**
 * A block is the snapshots whose first event falls in one minute (UTC) of the recording: small enough that a long
 * recording starts playing after one block, and numbered by that minute (epoch minutes), so keys never change as an
 * ongoing recording grows — new snapshots land in the last block or open the next one.
 */
export const BLOCK_MS = 60_000;
const BLOCK = `intDiv(toUnixTimestamp64Milli(first_event_ts), ${BLOCK_MS})`;

/** The recording's blocks in time order (blob_v2 sources). Example: (await snapshotSources(store, 1, 's')).sources[0].blob_key. */
export async function snapshotSources(store: EventStore, teamId: number, sessionId: string): Promise<SnapshotSourcesApi> {
  const result = await store.query(
    `SELECT ${BLOCK} AS block, min(first_event_ts), max(last_event_ts)
     FROM session_replay_events WHERE team_id = {team:Int64} AND session_id = {session:String}
     GROUP BY block ORDER BY block`,
    { team: teamId, session: sessionId },
  );
  return {
    sources: result.rows.map(([block, start, end]) => ({
      source: 'blob_v2',
      start_timestamp: `${String(start).replace(' ', 'T')}Z`,
      end_timestamp: `${String(end).replace(' ', 'T')}Z`,
      blob_key: String(block),
    })),
  };
}

/**
 * The rrweb events of blocks `first`..`last` as JSON lines `[windowId, event]`, in time order (a snapshot retried by
 * a client is stored once, and read once here too).
 */
export async function snapshotLines(store: EventStore, teamId: number, sessionId: string, first: number, last: number): Promise<string> {
  const result = await store.query(
    `SELECT window_id, snapshot_data FROM session_replay_events
     WHERE team_id = {team:Int64} AND session_id = {session:String} AND ${BLOCK} BETWEEN {first:Int64} AND {last:Int64}
     ORDER BY first_event_ts, uuid LIMIT 1 BY uuid`,
    { team: teamId, session: sessionId, first, last },
  );
  const lines: { at: number; text: string }[] = [];
  for (const [windowId, data] of result.rows) {
    const events = JSON.parse(String(data)) as unknown[];
    for (const event of events) {
      const at = Number((event as { timestamp?: unknown } | null)?.timestamp ?? 0);
      lines.push({ at: Number.isFinite(at) ? at : 0, text: JSON.stringify([String(windowId), event]) });
    }
  }
  // Stable: events of one window keep their order; windows interleave by time as the player wants them.
  lines.sort((a, b) => a.at - b.at);
  return lines.map((l) => l.text).join('\n') + (lines.length > 0 ? '\n' : '');
}
