/** The analytical store (ClickHouse dialect). Implemented by chDB in-process and, at scale, a ClickHouse server. */
export interface EventStore {
  /** Creates tables that do not exist yet. */
  migrate(): Promise<void>;
  /** Appends rows to a table as JSONEachRow; `rows` are plain objects keyed by column name. */
  insert(table: EventStoreTable, rows: readonly object[]): Promise<void>;
  /**
   * Appends rows given as JSON text (JSONEachRow): one row per string, or newline-delimited in bytes; a JSON object
   * in a String column is stored as its text. The fast path for events, whose rows are built once at capture.
   */
  insertJsonRows(table: EventStoreTable, rows: readonly string[] | Uint8Array): Promise<void>;
  /** Runs a SELECT with bound `{name:Type}` parameters and returns typed columns and row arrays. */
  query(sql: string, params?: Record<string, unknown>, options?: QueryOptions): Promise<QueryResult>;
  /** Runs a statement that returns nothing (ALTER/DELETE/OPTIMIZE), with bound parameters. */
  command(sql: string, params?: Record<string, unknown>): Promise<void>;
  /** True when the store answers a trivial query. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export type EventStoreTable =
  | 'events'
  | 'person'
  | 'person_distinct_id_overrides'
  | 'groups'
  | 'session_replay_events'
  | 'ingestion_warnings'
  | 'cohort_people';

export interface QueryOptions {
  timeoutMs?: number;
}

export interface QueryResult {
  columns: { name: string; type: string }[];
  rows: unknown[][];
  elapsedMs: number;
}

/** A query the store refused or failed; `clickhouseCode` is the engine's numeric error code when known. */
export class EventStoreError extends Error {
  constructor(message: string, readonly clickhouseCode: number | null, readonly kind: 'syntax' | 'timeout' | 'query') {
    super(message);
  }
}

/**
 * ClickHouse's codes for a server short of something (NOT_ENOUGH_SPACE, MEMORY_LIMIT_EXCEEDED, CANNOT_ALLOCATE_MEMORY,
 * TOO_MANY_PARTS, TIMEOUT_EXCEEDED, TOO_MANY_SIMULTANEOUS_QUERIES, CANNOT_WRITE_TO_FILE_DESCRIPTOR, CANNOT_FSYNC,
 * CANNOT_WRITE_TO_OSTREAM): the same rows go in once it has recovered.
 */
const RESOURCE_ERROR_CODES = new Set([243, 241, 173, 252, 159, 202, 75, 95, 24]);

/**
 * True when an insert failed because of the rows themselves: the engine read them and refused them (a value it cannot
 * parse, a type mismatch). False for everything else — the disk or memory running out, a file that could not be
 * written, a store that is down — after which the same rows would go in on a later try.
 */
export function refusedForItsRows(error: unknown): boolean {
  return error instanceof EventStoreError && error.clickhouseCode !== null && !RESOURCE_ERROR_CODES.has(error.clickhouseCode);
}
