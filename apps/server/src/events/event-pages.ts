import type { EventStore } from '../storage/event-store.js';
import { compileEventsPage, toEventRow, type EventCursor, type EventFilters, type EventRow } from './event-query.js';

export interface EventPagesOptions {
  order: 'asc' | 'desc';
  /** Rows per yielded page; each page is held in memory once, so this bounds what a reader holds. */
  pageSize: number;
  /** Stop after this many rows in all; undefined = every matching event. */
  limit?: number;
  /**
   * Read the range a time window at a time, each window sized from the last to hold about a page. Without it
   * every query sorts everything from the cursor to the end of the range: fine for one small page, quadratic for
   * an export.
   */
  windowed?: boolean;
  signal?: AbortSignal;
}

const PAGE_TIMEOUT_MS = 60_000;
const FIRST_WINDOW_MS = 60 * 60 * 1000;
const MIN_WINDOW_MS = 1_000;
const MAX_WINDOW_MS = 100 * 365 * 24 * 60 * 60 * 1000;

/**
 * Every event matching `filters`, page by page, by keyset pagination on (timestamp, uuid). chDB has a streaming
 * query API, but any other query on the same connection (ingestion inserts, dashboards) ends an open stream, so
 * reading in independent bounded queries is what survives a live server.
 * Example: for await (const rows of readEventPages(store, 1, filters, { order: 'asc', pageSize: 25_000, windowed: true })) …
 */
export async function* readEventPages(store: EventStore, teamId: number, filters: EventFilters, options: EventPagesOptions): AsyncGenerator<EventRow[]> {
  const read = (range: EventFilters, limit: number, from: EventCursor | undefined) => readPage(store, teamId, range, options.order, limit, from);
  yield* options.windowed ? windowedPages(read, filters, options) : plainPages(read, filters, options);
}

type ReadPage = (range: EventFilters, limit: number, from: EventCursor | undefined) => Promise<EventRow[]>;

async function* plainPages(read: ReadPage, filters: EventFilters, options: EventPagesOptions): AsyncGenerator<EventRow[]> {
  let from: EventCursor | undefined;
  let remaining = options.limit ?? Number.POSITIVE_INFINITY;
  while (remaining > 0) {
    options.signal?.throwIfAborted();
    const limit = Math.min(options.pageSize, remaining);
    const rows = await read(filters, limit, from);
    if (rows.length === 0) return;
    yield rows;
    remaining -= rows.length;
    if (rows.length < limit) return;
    from = cursorOf(rows);
  }
}

/**
 * Walks the range in time windows (forwards for `asc`, backwards for `desc`): a window is left only once it has
 * given all its rows, and the next one is sized from how many it held, so each query sorts about a page. Rows of
 * several sparse windows are gathered into one page.
 */
async function* windowedPages(read: ReadPage, filters: EventFilters, options: EventPagesOptions): AsyncGenerator<EventRow[]> {
  const asc = options.order === 'asc';
  let [lo, hi] = [filters.after.getTime(), filters.before.getTime()];
  let windowMs = FIRST_WINDOW_MS;
  let inWindow = 0;
  let from: EventCursor | undefined;
  let remaining = options.limit ?? Number.POSITIVE_INFINITY;
  let page: EventRow[] = [];
  while (remaining > 0 && lo < hi) {
    options.signal?.throwIfAborted();
    const window = asc ? { after: lo, before: Math.min(hi, lo + windowMs) } : { after: Math.max(lo, hi - windowMs), before: hi };
    const want = Math.min(options.pageSize - page.length, remaining);
    const rows = await read({ ...filters, after: new Date(window.after), before: new Date(window.before) }, want, from);
    if (rows.length > 0) (page.push(...rows), (from = cursorOf(rows)));
    remaining -= rows.length;
    inWindow += rows.length;
    if (rows.length < want) {
      if (asc) lo = window.before;
      else hi = window.after;
      const scale = inWindow === 0 ? 8 : Math.min(8, Math.max(1 / 8, options.pageSize / inWindow));
      windowMs = Math.min(MAX_WINDOW_MS, Math.max(MIN_WINDOW_MS, Math.round(windowMs * scale)));
      inWindow = 0;
    }
    if (page.length >= options.pageSize) (yield page, (page = []));
  }
  if (page.length > 0) yield page;
}

async function readPage(store: EventStore, teamId: number, range: EventFilters, order: 'asc' | 'desc', limit: number, from: EventCursor | undefined): Promise<EventRow[]> {
  const { sql, params } = await compileEventsPage(teamId, range, { order, limit, from });
  const result = await store.query(sql, params, { timeoutMs: PAGE_TIMEOUT_MS });
  return result.rows.slice(0, limit).map(toEventRow);
}

function cursorOf(rows: EventRow[]): EventCursor {
  const last = rows[rows.length - 1];
  return { timestamp: last.timestamp, uuid: last.uuid };
}
