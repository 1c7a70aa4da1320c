import fs from 'node:fs';
import path from 'node:path';
import { drainPending, Session } from 'chdb';
import { CLICKHOUSE_SUPPORT_TABLES, CLICKHOUSE_TABLES, SESSIONS_RESHAPE, SESSIONS_SHAPE_MARK, recordingSummarySelect, sessionRowsSelect } from './clickhouse-schema.js';
import { CLICKHOUSE_WEB_ROLLUP_TABLES, RAW_SESSION_TOUCHES_BACKFILL, WEB_ROLLUP_ROW_TABLES, WEB_ROLLUP_SHAPE_MARK } from './web-rollup-schema.js';
import { EventStoreError, type EventStore, type EventStoreTable, type QueryOptions, type QueryResult } from './event-store.js';

const DEFAULT_TIMEOUT_MS = 30_000;
/**
 * chDB's own `timeout` only rejects the promise: the engine keeps computing on the session's one connection, and every
 * later query waits behind it (and once received the tail of its output). So a read carries ClickHouse's
 * `max_execution_time`, which cancels the query in the engine, and the promise timeout is only a backstop this much later.
 */
const BACKSTOP_GRACE_MS = 5_000;
/** A backfill on start reads every stored event (minutes for tens of millions); nothing else waits on the session then. */
const BACKFILL_TIMEOUT_MS = 6 * 3_600_000;

/** chDB (ClickHouse in-process) under `<dataDir>/clickhouse`. Only the async API is used, so no call blocks the event loop. */
export class ChdbEventStore implements EventStore {
  private readonly session: Session;
  /** Where an insert's rows are written for the engine to read (see insertRows); emptied on start. */
  private readonly stagingDir: string;
  private staged = 0;

  constructor(dataDir: string) {
    const dir = path.join(dataDir, 'clickhouse');
    fs.mkdirSync(dir, { recursive: true });
    this.session = new Session(dir);
    // Rows staged by a process that died mid-insert: still in the write-ahead log, which replays them.
    this.stagingDir = path.join(dataDir, 'clickhouse-staging');
    fs.rmSync(this.stagingDir, { recursive: true, force: true });
    fs.mkdirSync(this.stagingDir, { recursive: true });
  }

  async migrate(): Promise<void> {
    const sessionsExisted = await this.tableExists('raw_sessions');
    const recordingsExisted = await this.tableExists('session_replay_summaries');
    // A data dir whose sessions have an older shape (the landing fields in one tuple, no views): rebuilt from events.
    const reshaped = sessionsExisted && (await this.columnType('raw_sessions', SESSIONS_SHAPE_MARK.column)) !== SESSIONS_SHAPE_MARK.type;
    if (reshaped) for (const ddl of SESSIONS_RESHAPE) await this.run(ddl, {}, 'CSV', BACKFILL_TIMEOUT_MS);
    for (const ddl of [...CLICKHOUSE_TABLES, ...CLICKHOUSE_SUPPORT_TABLES]) await this.run(ddl, {});
    // A data dir from before the sessions model: fill it once from the events already stored (its aggregates are
    // idempotent, so events the view also caught meanwhile are not counted twice).
    if (!sessionsExisted) {
      await this.run(`INSERT INTO raw_sessions ${sessionRowsSelect()}`, {}, 'CSV', BACKFILL_TIMEOUT_MS);
      // Merged once, as after a reshape (SESSIONS_RESHAPE says why).
      await this.run('OPTIMIZE TABLE raw_sessions FINAL', {}, 'CSV', BACKFILL_TIMEOUT_MS);
    }
    // The web rollups summarize raw_sessions: made after it, and started over when it was rebuilt.
    const touchesExisted = await this.tableExists('raw_session_touches');
    // Rollups of an older shape are dropped: they are only ever computed from raw_sessions, and will be again.
    if ((await this.tableExists('web_rollup_days')) && (await this.columnType(WEB_ROLLUP_SHAPE_MARK.table, WEB_ROLLUP_SHAPE_MARK.column)) === null) {
      for (const table of WEB_ROLLUP_ROW_TABLES) await this.run(`DROP TABLE IF EXISTS ${table}`, {});
    }
    for (const ddl of CLICKHOUSE_WEB_ROLLUP_TABLES) await this.run(ddl, {});
    if (reshaped) for (const table of WEB_ROLLUP_ROW_TABLES) await this.run(`TRUNCATE TABLE ${table}`, {});
    if (!touchesExisted || reshaped) await this.run(RAW_SESSION_TOUCHES_BACKFILL, {}, 'CSV', BACKFILL_TIMEOUT_MS);
    // Likewise the recordings list, from snapshots stored before it (their counts were not kept then: times, ids and
    // blocks are listed, counts start at zero).
    if (!recordingsExisted) await this.run(`INSERT INTO session_replay_summaries ${recordingSummarySelect()}`, {});
  }

  private async columnType(table: string, name: string): Promise<string | null> {
    const result = await this.query('SELECT type FROM system.columns WHERE database = currentDatabase() AND table = {table:String} AND name = {name:String}', {
      table,
      name,
    });
    return result.rows.length > 0 ? String(result.rows[0][0]) : null;
  }

  private async tableExists(name: string): Promise<boolean> {
    const result = await this.query('SELECT count() FROM system.tables WHERE database = currentDatabase() AND name = {name:String}', { name });
    return Number(result.rows[0]?.[0]) > 0;
  }

  async insert(table: EventStoreTable, rows: readonly object[]): Promise<void> {
    if (rows.length === 0) return;
    let payload = '';
    for (const row of rows) payload += JSON.stringify(row) + '\n';
    await this.insertRows(table, Buffer.from(payload), 'input_format_skip_unknown_fields = 1, date_time_input_format = \'best_effort\'');
  }

  async insertJsonRows(table: EventStoreTable, rows: readonly string[] | Uint8Array): Promise<void> {
    if (rows.length === 0) return;
    // Parallel parsing splits the payload across ClickHouse's threads; on the two cores the request path shares,
    // one parser costs less in all (50k event rows: 5.6 vs 6.6 µs of CPU a row, and 280 vs 305 ms of wall time,
    // medians of 8 alternating inserts).
    const settings = 'input_format_skip_unknown_fields = 1, input_format_json_read_objects_as_strings = 1, input_format_parallel_parsing = 0';
    await this.insertRows(table, rows instanceof Uint8Array ? rows : Buffer.from(rows.join('\n')), settings);
  }

  /**
   * Inserts JSONEachRow bytes by writing them to a file the engine reads (`INSERT ... FROM INFILE`): the same
   * statement and settings as an insert with the rows inline, at well under half the CPU. chDB's insert of inline
   * data spent 6.0 µs a row into `events` (4.1 into a Null table); from a file, 2.6 (0.9). Measured on 50k
   * posthog-node event rows, medians of 5 alternating inserts (docs/performance.md, "Ingestion, eighth round").
   * No timeout: a rejected promise would not stop the engine, and the caller would insert the rows again.
   */
  private async insertRows(table: EventStoreTable, bytes: Uint8Array, settings: string): Promise<void> {
    const file = path.join(this.stagingDir, `${table}-${++this.staged}.jsonl`);
    await fs.promises.writeFile(file, bytes);
    try {
      await this.session.queryAsync(`INSERT INTO ${table} FROM INFILE ${sqlStringLiteral(file)} SETTINGS ${settings} FORMAT JSONEachRow`, { format: 'CSV' });
    } catch (error) {
      throw toStoreError(error);
    } finally {
      await fs.promises.rm(file, { force: true });
    }
  }

  async query(sql: string, params: Record<string, unknown> = {}, options: QueryOptions = {}): Promise<QueryResult> {
    const started = performance.now();
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const result = await this.run(withExecutionLimit(sql, timeoutMs), params, 'JSONCompact', timeoutMs + BACKSTOP_GRACE_MS);
    const parsed = lastJsonDocument(result.text()) as { meta: { name: string; type: string }[]; data: unknown[][] };
    return { columns: parsed.meta, rows: parsed.data, elapsedMs: performance.now() - started };
  }

  async command(sql: string, params: Record<string, unknown> = {}): Promise<void> {
    await this.run(sql, params);
  }

  async ping(): Promise<boolean> {
    try {
      await this.run('SELECT 1', {});
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Closes the session once nothing runs on it. chDB defers tearing a connection down while operations are still
   * running natively (a query whose caller timed out keeps computing), and the server exits right after this: without
   * the wait, the engine is torn down under a running query at exit and the process dies by a signal.
   */
  async close(): Promise<void> {
    this.session.close();
    await drainPending();
  }

  private async run(sql: string, params: Record<string, unknown>, format = 'CSV', timeoutMs = DEFAULT_TIMEOUT_MS) {
    try {
      return Object.keys(params).length === 0
        ? await this.session.queryAsync(sql, { format, timeout: timeoutMs })
        : await this.session.queryBindAsync(sql, params, { format, timeout: timeoutMs });
    } catch (error) {
      throw toStoreError(error);
    }
  }
}

/**
 * A SELECT with ClickHouse's execution limit appended (a trailing SETTINGS clause overrides an earlier one, so a query
 * with its own SETTINGS keeps them). Statements that set their own limit, or are read-only (which forbids changing any
 * setting after it), and statements other than reads are returned as they are. Example:
 * withExecutionLimit('SELECT 1', 2500) === 'SELECT 1\nSETTINGS max_execution_time = 2.5'.
 */
export function withExecutionLimit(sql: string, timeoutMs: number): string {
  const statement = sql.trimEnd().replace(/;+$/, '');
  if (!/^[\s(]*(SELECT|WITH)\b/i.test(statement) || /\b(max_execution_time|readonly)\s*=/i.test(statement)) return sql;
  return `${statement}\nSETTINGS max_execution_time = ${Math.max(timeoutMs, 1) / 1000}`;
}

/**
 * The last JSON document of a chDB answer. A query that fails after its JSON output began leaves that output (closed
 * with an empty `data`) in the connection's buffer, where it prefixes the next query's answer. JSON escapes raw
 * newlines and tabs inside strings, so a line that opens with `{` followed by a tab-indented `"meta"` can only be the
 * start of a document. Example: lastJsonDocument('{\n\t"meta": []}\n{\n\t"meta": [1]}') deep-equals { meta: [1] }.
 */
export function lastJsonDocument(text: string): unknown {
  const start = text.lastIndexOf('\n{\n\t"meta":');
  return JSON.parse(start > 0 ? text.slice(start + 1) : text);
}

/** `text` as a ClickHouse string literal. Example: sqlStringLiteral("a'b") === "'a\\'b'". */
export function sqlStringLiteral(text: string): string {
  return `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

function toStoreError(error: unknown): EventStoreError {
  const e = error as { message?: string; clickhouseCode?: number; name?: string };
  const code = typeof e.clickhouseCode === 'number' ? e.clickhouseCode : null;
  const message = e.message ?? String(error);
  const kind = e.name === 'ChdbTimeoutError' || code === 159 ? 'timeout' : e.name === 'ChdbSyntaxError' || code === 62 ? 'syntax' : 'query';
  return new EventStoreError(message, code, kind);
}
