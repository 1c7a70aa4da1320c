import type { RrwebEventApi } from '@warren/shared/replay-api';

/** An rrweb event as the snapshots API returns it (posthog-js's compressed fields already expanded by the server). */
export type RrwebEvent = Omit<RrwebEventApi, 'data'> & { data?: unknown };

/** An rrweb event and the browser window (tab) that recorded it: each tab of a session records on its own. */
export interface WindowedEvent {
  windowId: string;
  event: RrwebEvent;
}

/** rrweb's event types (`EventType` in @rrweb/types), named here so the player's code reads without the library. */
export const RRWEB = { DomContentLoaded: 0, Load: 1, FullSnapshot: 2, IncrementalSnapshot: 3, Meta: 4, Custom: 5, Plugin: 6 } as const;

/**
 * Events in time order (stable for equal times, so a Meta event stays before the full snapshot it precedes).
 * Example: inTimeOrder([{ timestamp: 2 }, { timestamp: 1 }]) -> [{ timestamp: 1 }, { timestamp: 2 }]
 */
export function inTimeOrder<T extends { timestamp: number }>(events: readonly T[]): T[] {
  return events
    .map((e, i) => [e, i] as const)
    .sort((a, b) => a[0].timestamp - b[0].timestamp || a[1] - b[1])
    .map(([e]) => e);
}

/**
 * Whether playback can start with these events: rrweb's Replayer needs at least two, and nothing is drawn until a
 * full snapshot.
 * Example: canStartPlayback([meta, fullSnapshot]) === true
 */
export function canStartPlayback(events: readonly RrwebEvent[]): boolean {
  return events.length >= 2 && events.some((e) => e.type === RRWEB.FullSnapshot);
}

/**
 * The windows (tabs) seen in these blocks, in order of their first event, the one whose page was recorded first
 * (its first full snapshot) leading: that is where playback starts.
 * Example: recordedWindows([[{ windowId: 'b', event: meta }, { windowId: 'a', event: fullSnapshot }]]) -> ['a', 'b']
 */
export function recordedWindows(blocks: readonly (readonly WindowedEvent[])[]): string[] {
  const order: string[] = [];
  let first: string | null = null;
  for (const block of blocks)
    for (const { windowId, event } of block) {
      if (!order.includes(windowId)) order.push(windowId);
      if (first === null && event.type === RRWEB.FullSnapshot) first = windowId;
    }
  return first === null ? order : [first, ...order.filter((w) => w !== first)];
}
