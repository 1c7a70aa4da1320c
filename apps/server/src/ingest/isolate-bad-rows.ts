import fs from 'node:fs/promises';
import path from 'node:path';
import { refusedForItsRows, type EventStore, type EventStoreTable } from '../storage/event-store.js';

export interface IsolationResult {
  inserted: number;
  quarantined: number;
}

/**
 * Inserts rows in ever smaller slices so one row the store refuses cannot hold back every event behind it. A row is
 * set aside (written to `<quarantineDir>/<table>-<time>.jsonl` with the store's error) only when the store refused
 * it for its own content (refusedForItsRows) and took other rows of the same batch, which proves it is up. Any other
 * failure (a full disk, a store gone away) stops the isolation and is rethrown for a later retry of every row not
 * yet in; `onInserted(from, to)` hears of each slice `rows[from..to)` as it goes in, so that retry can skip them.
 * Example: await insertIsolatingBadRows(store, 'events', rows, '/data/quarantine').
 */
export async function insertIsolatingBadRows(
  store: EventStore,
  table: EventStoreTable,
  rows: readonly string[],
  quarantineDir: string,
  onInserted: (from: number, to: number) => void = () => {},
): Promise<IsolationResult> {
  const refused: { row: string; error: string }[] = [];
  let inserted = 0;
  // Slices as [from, to) of rows, the next one to try last.
  const pending: [number, number][] = [[0, rows.length]];
  while (pending.length > 0) {
    const [from, to] = pending.pop()!;
    try {
      await store.insertJsonRows(table, rows.slice(from, to));
      inserted += to - from;
      onInserted(from, to);
    } catch (error) {
      if (!refusedForItsRows(error)) throw error;
      if (to - from === 1) refused.push({ row: rows[from], error: (error as Error).message.split('\n')[0] });
      else {
        const middle = from + ((to - from) >> 1);
        pending.push([middle, to], [from, middle]);
      }
    }
  }
  if (refused.length > 0 && inserted === 0) throw new Error(`the store refused all ${rows.length} rows; first error: ${refused[0].error}`);
  if (refused.length > 0) {
    await fs.mkdir(quarantineDir, { recursive: true });
    const file = path.join(quarantineDir, `${table}-${new Date().toISOString().replace(/[:.]/g, '-')}.jsonl`);
    await fs.writeFile(file, refused.map((r) => JSON.stringify(r)).join('\n') + '\n');
  }
  return { inserted, quarantined: refused.length };
}
