import fs from 'node:fs/promises';
import path from 'node:path';
import type { EventStore, EventStoreTable } from '../storage/event-store.js';

export interface IsolationResult {
  inserted: number;
  quarantined: number;
}

/**
 * Inserts rows in ever smaller slices so one row the store refuses cannot hold back every event behind it. A row is
 * set aside (written to `<quarantineDir>/<table>-<time>.jsonl` with the store's error) only when the store took
 * other rows of the same batch, which proves it is up; if nothing goes in, the error is rethrown for a later retry.
 * Example: await insertIsolatingBadRows(store, 'events', rows, '/data/quarantine').
 */
export async function insertIsolatingBadRows(store: EventStore, table: EventStoreTable, rows: readonly string[], quarantineDir: string): Promise<IsolationResult> {
  const refused: { row: string; error: string }[] = [];
  let inserted = 0;
  const pending: (readonly string[])[] = [rows];
  while (pending.length > 0) {
    const slice = pending.pop()!;
    try {
      await store.insertJsonRows(table, slice);
      inserted += slice.length;
    } catch (error) {
      if (slice.length === 1) refused.push({ row: slice[0], error: (error as Error).message.split('\n')[0] });
      else pending.push(slice.slice(slice.length >> 1), slice.slice(0, slice.length >> 1));
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
