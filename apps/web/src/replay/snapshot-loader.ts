import type { SnapshotLineApi, SnapshotSourceApi } from '@warren/shared/replay-api';
import type { WindowedEvent } from './rrweb-events';

export interface SnapshotFetchers {
  sources: (signal: AbortSignal) => Promise<{ sources: SnapshotSourceApi[] }>;
  block: (blobKey: string, signal: AbortSignal) => Promise<SnapshotLineApi[]>;
}

export interface LoadedBlock {
  /** The block's key in the sources list. */
  key: string;
  /** The block's events with their windows, in time order. */
  events: WindowedEvent[];
  /** Blocks handed over so far, this one included, and how many there are. */
  loaded: number;
  total: number;
}

/**
 * Loads a recording's snapshot blocks and hands each over in order as soon as it and those before it are in. The
 * first block is fetched alone so playback can start on it without sharing the connection; the rest follow
 * `parallel` at a time in the background. Stops quietly when `signal` aborts.
 * Example: await loadSnapshotBlocks(fetchers, (b) => replayer.addEvents(b.events), controller.signal)
 */
export async function loadSnapshotBlocks(fetchers: SnapshotFetchers, onBlock: (block: LoadedBlock) => void, signal: AbortSignal, parallel = 3): Promise<void> {
  const { sources } = await fetchers.sources(signal);
  const total = sources.length;
  const eventsOf = async (key: string) =>
    (await fetchers.block(key, signal))
      .map(([windowId, event]) => ({ windowId, event }))
      .sort((a, b) => a.event.timestamp - b.event.timestamp);
  if (total === 0 || signal.aborted) return;
  onBlock({ key: sources[0]!.blob_key, events: await eventsOf(sources[0]!.blob_key), loaded: 1, total });

  const pending = new Map<number, Promise<WindowedEvent[]>>();
  let next = 1;
  const request = () => {
    if (next < total) pending.set(next, eventsOf(sources[next]!.blob_key)), next++;
  };
  for (let i = 0; i < parallel; i++) request();
  for (let index = 1; index < total; index++) {
    const events = await pending.get(index)!;
    pending.delete(index);
    if (signal.aborted) return;
    request();
    onBlock({ key: sources[index]!.blob_key, events, loaded: index + 1, total });
  }
}
