import type { EventStore } from '../storage/event-store.js';
import { compileEventsPage, toEventRow, type EventCursor, type EventFilters, type EventRow } from './event-query.js';

export interface EventPagesOptions {
  order: 'asc' | 'desc';
  /** Rows per query; each page is held in memory once, so this bounds what a reader holds. */
  pageSize: number;
  /** Stop after this many rows in all; undefined = every matching event. */
  limit?: number;
  signal?: AbortSignal;
}

const PAGE_TIMEOUT_MS = 60_000;

/**
 * Every event matching `filters`, page by page, by keyset pagination on (timestamp, uuid). chDB has a streaming
 * query API, but any other query on the same connection (ingestion inserts, dashboards) ends an open stream, so
 * reading in independent bounded queries is what survives a live server.
 * Example: for await (const rows of readEventPages(store, 1, filters, { order: 'asc', pageSize: 50_000 })) …
 */
export async function* readEventPages(store: EventStore, teamId: number, filters: EventFilters, options: EventPagesOptions): AsyncGenerator<EventRow[]> {
  let from: EventCursor | undefined;
  let remaining = options.limit ?? Number.POSITIVE_INFINITY;
  while (remaining > 0) {
    options.signal?.throwIfAborted();
    const limit = Math.min(options.pageSize, remaining);
    const { sql, params } = await compileEventsPage(teamId, filters, { order: options.order, limit, from });
    const result = await store.query(sql, params, { timeoutMs: PAGE_TIMEOUT_MS });
    const rows = result.rows.slice(0, limit).map(toEventRow);
    if (rows.length === 0) return;
    yield rows;
    remaining -= rows.length;
    if (rows.length < limit) return;
    const last = rows[rows.length - 1];
    from = { timestamp: last.timestamp, uuid: last.uuid };
  }
}
