import type { WindowedEvent } from './rrweb-events';
import type { SnapshotFetchers } from './snapshot-loader';

/** How often an ongoing recording is asked for what it recorded since: posthog-js sends every few seconds. */
export const FOLLOW_INTERVAL_MS = 5_000;

/**
 * Where loading a recording has got to: the newest block's key and the events of that block already handed over.
 * A block is a minute of the recording (snapshot-blocks.ts on the server), so the newest block grows while the
 * recording goes on; only its events need remembering to tell the new ones apart.
 */
export interface FollowCursor {
  lastKey: number;
  seenInLast: Set<string>;
}

export function emptyCursor(): FollowCursor {
  return { lastKey: -Infinity, seenInLast: new Set() };
}

/**
 * Records a block's events in the cursor and returns those it had not seen (all of them for a newer block). Events
 * landing late in a block older than the newest are not looked for: posthog-js sends in time order per tab.
 * Example: takeUnseen(cursor, '29000001', events) // the events not handed over before
 */
export function takeUnseen(cursor: FollowCursor, key: string, events: readonly WindowedEvent[]): WindowedEvent[] {
  const k = Number(key);
  if (k < cursor.lastKey) return [];
  if (k > cursor.lastKey) {
    cursor.lastKey = k;
    cursor.seenInLast = new Set();
  }
  const fresh: WindowedEvent[] = [];
  for (const e of events) {
    const id = `${e.windowId}\n${JSON.stringify(e.event)}`;
    if (cursor.seenInLast.has(id)) continue;
    cursor.seenInLast.add(id);
    fresh.push(e);
  }
  return fresh;
}

/**
 * What an ongoing recording recorded since the cursor: the sources again, then the newest block known (it may have
 * grown) and every block after it, in time order. Example: await fetchNewEvents(fetchers, cursor, signal) // [] when nothing came
 */
export async function fetchNewEvents(fetchers: SnapshotFetchers, cursor: FollowCursor, signal: AbortSignal): Promise<WindowedEvent[]> {
  const { sources } = await fetchers.sources(signal);
  const fresh: WindowedEvent[] = [];
  for (const source of sources) {
    if (Number(source.blob_key) < cursor.lastKey) continue;
    const lines = await fetchers.block(source.blob_key, signal);
    if (signal.aborted) return [];
    fresh.push(...takeUnseen(cursor, source.blob_key, lines.map(([windowId, event]) => ({ windowId, event }))));
  }
  return fresh.sort((a, b) => a.event.timestamp - b.event.timestamp);
}
