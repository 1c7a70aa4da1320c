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
