import { useEffect, useRef, useState } from 'react';
import { consoleEntry, isClick, networkEntries, type ConsoleEntry, type NetworkEntry } from './plugin-events';
import { fetchSnapshotBlock, fetchSnapshotSources } from './replay-requests';
import type { WindowedEvent } from './rrweb-events';
import { emptyCursor, fetchNewEvents, FOLLOW_INTERVAL_MS, takeUnseen } from './snapshot-follow';
import { loadSnapshotBlocks, type SnapshotFetchers } from './snapshot-loader';

/** What the recording's snapshots have shown so far. */
export interface SnapshotsState {
  /** Blocks in order, every window's events together; each a new array, so the player can tell which it has not fed yet. */
  blocks: WindowedEvent[][];
  loaded: number;
  total: number | null;
  done: boolean;
  /** Every block is in and the recording is still going on: new events are asked for every few seconds. */
  following: boolean;
  error: unknown;
  console: ConsoleEntry[];
  network: NetworkEntry[];
  /** Epoch ms of each click. */
  clicks: number[];
}

/**
 * Whether the first block is in (or loading is over): the player's other requests wait for it, since on a busy server
 * they would queue in front of the block that playback starts on.
 */
export function snapshotsStarted(state: SnapshotsState): boolean {
  return state.loaded > 0 || state.done;
}

const EMPTY: SnapshotsState = { blocks: [], loaded: 0, total: null, done: false, following: false, error: null, console: [], network: [], clicks: [] };

/** The state with one more block of events, and the console, network and clicks read from them. */
function withBlock(s: SnapshotsState, events: WindowedEvent[]): SnapshotsState {
  const console: ConsoleEntry[] = [];
  const network: NetworkEntry[] = [];
  const clicks: number[] = [];
  for (const { event } of events) {
    const line = consoleEntry(event);
    if (line) console.push(line);
    network.push(...networkEntries(event));
    if (isClick(event)) clicks.push(event.timestamp);
  }
  return {
    ...s,
    blocks: [...s.blocks, events],
    console: console.length ? [...s.console, ...console] : s.console,
    network: network.length ? [...s.network, ...network] : s.network,
    clicks: clicks.length ? [...s.clicks, ...clicks] : s.clicks,
  };
}

/**
 * A recording's snapshots, loaded block by block (see snapshot-loader.ts), with the console, network and clicks read
 * from them as they come. While `follow` (the recording is ongoing), what it records next is appended as more blocks.
 */
export function useSnapshots(projectId: number, sessionId: string, follow = false): SnapshotsState {
  const [state, setState] = useState<SnapshotsState>(EMPTY);
  const cursor = useRef(emptyCursor());
  const fetchers: SnapshotFetchers = {
    sources: (signal) => fetchSnapshotSources(projectId, sessionId, signal),
    block: (key, signal) => fetchSnapshotBlock(projectId, sessionId, key, signal),
  };

  useEffect(() => {
    const controller = new AbortController();
    setState(EMPTY);
    cursor.current = emptyCursor();
    loadSnapshotBlocks(
      fetchers,
      ({ key, events, loaded, total }) => {
        takeUnseen(cursor.current, key, events);
        setState((s) => ({ ...withBlock(s, events), loaded, total }));
      },
      controller.signal,
    ).then(
      () => !controller.signal.aborted && setState((s) => ({ ...s, done: true, total: s.total ?? 0 })),
      (error: unknown) => !controller.signal.aborted && setState((s) => ({ ...s, error, done: true })),
    );
    return () => controller.abort();
  }, [projectId, sessionId]);

  const canFollow = follow && state.done && !state.error;
  useEffect(() => {
    if (!canFollow) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout>;
    // One look at a time, the next one FOLLOW_INTERVAL_MS after the last answered; a failed look is retried next time.
    const look = async () => {
      try {
        const events = await fetchNewEvents(fetchers, cursor.current, controller.signal);
        if (events.length > 0 && !controller.signal.aborted) setState((s) => withBlock(s, events));
      } catch {
        // Network trouble while following: the next look asks again.
      }
      if (!controller.signal.aborted) timer = setTimeout(look, FOLLOW_INTERVAL_MS);
    };
    timer = setTimeout(look, FOLLOW_INTERVAL_MS);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [canFollow, projectId, sessionId]);

  return { ...state, following: canFollow };
}
