import { useEffect, useState } from 'react';
import { consoleEntry, isClick, networkEntries, type ConsoleEntry, type NetworkEntry } from './plugin-events';
import { fetchSnapshotBlock, fetchSnapshotSources } from './replay-requests';
import type { WindowedEvent } from './rrweb-events';
import { loadSnapshotBlocks } from './snapshot-loader';

/** What the recording's snapshots have shown so far. */
export interface SnapshotsState {
  /** Blocks in order, every window's events together; each a new array, so the player can tell which it has not fed yet. */
  blocks: WindowedEvent[][];
  loaded: number;
  total: number | null;
  done: boolean;
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

const EMPTY: SnapshotsState = { blocks: [], loaded: 0, total: null, done: false, error: null, console: [], network: [], clicks: [] };

/** A recording's snapshots, loaded block by block (see snapshot-loader.ts), with the console, network and clicks read from them as they come. */
export function useSnapshots(projectId: number, sessionId: string): SnapshotsState {
  const [state, setState] = useState<SnapshotsState>(EMPTY);
  useEffect(() => {
    const controller = new AbortController();
    setState(EMPTY);
    const fetchers = {
      sources: (signal: AbortSignal) => fetchSnapshotSources(projectId, sessionId, signal),
      block: (key: string, signal: AbortSignal) => fetchSnapshotBlock(projectId, sessionId, key, signal),
    };
    loadSnapshotBlocks(
      fetchers,
      ({ events, loaded, total }) => {
        const console: ConsoleEntry[] = [];
        const network: NetworkEntry[] = [];
        const clicks: number[] = [];
        for (const { event } of events) {
          const line = consoleEntry(event);
          if (line) console.push(line);
          network.push(...networkEntries(event));
          if (isClick(event)) clicks.push(event.timestamp);
        }
        setState((s) => ({
          ...s,
          blocks: [...s.blocks, events],
          loaded,
          total,
          console: console.length ? [...s.console, ...console] : s.console,
          network: network.length ? [...s.network, ...network] : s.network,
          clicks: clicks.length ? [...s.clicks, ...clicks] : s.clicks,
        }));
      },
      controller.signal,
    ).then(
      () => !controller.signal.aborted && setState((s) => ({ ...s, done: true, total: s.total ?? 0 })),
      (error: unknown) => !controller.signal.aborted && setState((s) => ({ ...s, error, done: true })),
    );
    return () => controller.abort();
  }, [projectId, sessionId]);
  return state;
}
