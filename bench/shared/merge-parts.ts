/** Merging a generated table's parts before timing queries on it, as a long-running store would have it. */
import type { ChdbEventStore } from '../../apps/server/src/storage/chdb-event-store.js';
import { EventStoreError } from '../../apps/server/src/storage/event-store.js';

/** How long a merge that outlasts the store's statement timeout may go on in the background. */
const MERGE_WAIT_MS = 600_000;

/**
 * Merges a table into one part per partition, as a long-running store would have it. A merge that outlasts the
 * store's statement timeout goes on in the background: wait until it is done.
 */
export async function mergeParts(store: ChdbEventStore, table: string): Promise<void> {
  try {
    await store.command(`OPTIMIZE TABLE ${table} FINAL`);
    return;
  } catch (error) {
    if (!(error instanceof EventStoreError && error.kind === 'timeout')) throw error;
  }
  const unmerged = `SELECT (SELECT count() FROM system.merges) + (SELECT countIf(parts > 1) FROM (
      SELECT count() AS parts FROM system.parts WHERE active AND database = currentDatabase() AND table = {table:String} GROUP BY partition))`;
  const deadline = performance.now() + MERGE_WAIT_MS;
  while (performance.now() < deadline) {
    const left = await store.query(unmerged, { table }).then((r) => Number(r.rows[0][0]), () => 1);
    if (left === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error(`${table} was still merging after ${MERGE_WAIT_MS / 1000} s`);
}
