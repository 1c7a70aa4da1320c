import type { Logger } from 'pino';
import type { EventStore } from '../storage/event-store.js';
import type { IdentityProcessor } from '../identity/identity-processor.js';
import type { EventIdentity, IdentityOutput, WarningRow } from '../identity/identity-output.js';
import type { Metrics } from '../platform/metrics.js';
import { ingestHeader, type IdentityEvent, type IngestRecord } from './ingest-record.js';
import { insertIsolatingBadRows } from './isolate-bad-rows.js';
import { BatchEventKeys, RecentEventKeys } from './recent-event-keys.js';
import { JsonLinesWriter, rowCount, rowStart, rowText, type RowBlock } from './row-block.js';
import type { RecoveredRecord, WalPosition, WriteAheadLog } from './write-ahead-log.js';

interface Buffered {
  record: IngestRecord;
  end: WalPosition;
  /** When it was acknowledged (ms), for the ingestion lag. */
  at: number;
}

export interface PipelineOptions {
  flushIntervalMs: number;
  /** Flush as soon as this many events wait, and write at most this many per insert. */
  flushMaxEvents: number;
  /** Refuse new events (503) while this many acknowledged events wait for the store. */
  maxBufferedEvents?: number;
  /** Where rows the store refuses on their own are set aside after repeated failures. */
  quarantineDir: string;
  /**
   * Sees each batch of stored events (event and property definitions) and can read the row text of any of them;
   * runs on the flush path, so it must be cheap.
   */
  onStored?: (events: readonly IdentityEvent[], rows: StoredRows, kept: readonly (EventIdentity | null)[]) => void;
}

/** Failed flushes of the same batch before its rows are tried one slice at a time. */
const FAILURES_BEFORE_ISOLATING = 3;

const IDENTITY_CHUNK = 2000;

/** The row text of stored event i, made on demand (an array of row texts is one). */
export interface StoredRows {
  at(index: number): string | undefined;
}

/** Rows picked out of records' blocks: row `indexes[i]` of `blocks[i]`. */
interface PickedRows {
  blocks: RowBlock[];
  indexes: number[];
  bytes: number;
}

const pickedRows = (): PickedRows => ({ blocks: [], indexes: [], bytes: 0 });

function pick(rows: PickedRows, block: RowBlock, index: number): void {
  rows.blocks.push(block);
  rows.indexes.push(index);
  rows.bytes += block.ends[index] - rowStart(block, index);
}

function pickedText(rows: PickedRows, i: number): string {
  return rowText(rows.blocks[i], rows.indexes[i]);
}

/**
 * Acknowledge after the write-ahead log, store later: `accept` resolves once a record is durable; a timer (or a full
 * buffer) moves buffered records through dedup and the identity step into the event store, then checkpoints the log.
 */
export class IngestPipeline {
  private buffer: Buffered[] = [];
  private bufferedEvents = 0;
  private flushing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly recent = new RecentEventKeys();
  private readonly inBatch = new BatchEventKeys();
  /**
   * Keys of rows a failed flush stored before it failed (part-way through isolating rows): its retry finds them
   * among the recent keys and leaves them out as stored, not as the client's duplicates.
   */
  private readonly storedByFailedFlush = new Set<number>();
  private failures = 0;
  /** Records ever buffered, and ever stored: a flush waits only for the records buffered when it was asked for. */
  private enqueuedRecords = 0;
  private storedRecords = 0;

  constructor(
    private readonly wal: WriteAheadLog,
    private readonly store: EventStore,
    private readonly identity: IdentityProcessor,
    private readonly metrics: Metrics,
    private readonly log: Logger,
    private readonly options: PipelineOptions,
  ) {}

  /** Loads recently stored event keys (so retries and replays are not stored twice) and queues replayed records. */
  async start(recovered: RecoveredRecord[]): Promise<void> {
    const stored = await this.store.query(
      `SELECT team_id, toString(uuid), event FROM events WHERE inserted_at > now64(6) - INTERVAL 1 DAY ORDER BY inserted_at DESC LIMIT 1000000`,
    );
    for (const [teamId, uuid, event] of stored.rows.reverse()) this.recent.add(Number(teamId), String(uuid), String(event));
    const snapshots = await this.store.query(
      `SELECT team_id, toString(uuid) FROM session_replay_events WHERE inserted_at > now64(6) - INTERVAL 1 DAY ORDER BY inserted_at DESC LIMIT 1000000`,
    );
    for (const [teamId, uuid] of snapshots.rows.reverse()) this.recent.add(Number(teamId), String(uuid), '$snapshot');
    for (const entry of recovered) this.enqueue(entry.record, entry.end);
    if (recovered.length > 0) this.log.info({ records: recovered.length, events: this.bufferedEvents }, 'replaying write-ahead log');
    this.timer = setInterval(() => void this.flush(), this.options.flushIntervalMs);
    this.timer.unref();
    if (recovered.length > 0) await this.flush();
  }

  /** Seconds since the oldest acknowledged event still waiting for the store was acknowledged. */
  lagSeconds(): number {
    return this.buffer.length === 0 ? 0 : (Date.now() - this.buffer[0].at) / 1000;
  }

  /** False when the write-ahead log cannot take appends (its writer thread is gone), so no event can be acknowledged. */
  get accepting(): boolean {
    return this.wal.healthy;
  }

  /** True while the buffer is too full to take more (the store is down or far behind). */
  get overloaded(): boolean {
    return this.bufferedEvents >= (this.options.maxBufferedEvents ?? 2_000_000);
  }

  /** Makes a record durable, then buffers it for the store. Resolves when the client may be told 200. */
  async accept(record: IngestRecord): Promise<void> {
    const end = await this.wal.append(record);
    this.enqueue(record, end);
    this.metrics.eventsAccepted.inc(rowCount(record.rows));
    if (this.bufferedEvents >= this.options.flushMaxEvents) void this.flush();
  }

  /**
   * Writes everything buffered now; resolves when it is in the store. Records buffered meanwhile wait for the next
   * flush, so under steady load each insert carries about one interval's worth instead of whatever arrived during
   * the last insert (every insert costs the store a part per table, whatever its size). A flush already under way is
   * waited for even when it took the whole buffer: stop() relies on that, else the store could close under that
   * flush's inserts.
   */
  async flush(): Promise<void> {
    const target = this.enqueuedRecords;
    for (;;) {
      while (this.flushing) await this.flushing;
      if (this.buffer.length === 0 || this.storedRecords >= target) return;
      this.flushing = this.flushOnce().finally(() => {
        this.flushing = null;
      });
      await this.flushing;
      if (this.failures > 0) return;
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    do await this.flush();
    while (this.buffer.length > 0 && this.failures === 0);
    await this.wal.close();
  }

  private enqueue(record: IngestRecord, end: WalPosition): void {
    this.buffer.push({ record, end, at: Date.now() });
    this.enqueuedRecords += 1;
    this.bufferedEvents += rowCount(record.rows);
    this.metrics.bufferSize.set(this.bufferedEvents);
  }

  /** Takes whole records from the front of the buffer, up to about flushMaxEvents events. */
  private take(): { taken: Buffered[]; events: number } {
    let count = 0;
    let n = 0;
    while (n < this.buffer.length && (n === 0 || count + rowCount(this.buffer[n].record.rows) <= this.options.flushMaxEvents)) {
      count += rowCount(this.buffer[n].record.rows);
      n += 1;
    }
    const taken = this.buffer.splice(0, n);
    this.bufferedEvents -= count;
    return { taken, events: count };
  }

  private async flushOnce(): Promise<void> {
    const { taken, events } = this.take();
    const endTimer = this.metrics.flushDuration.startTimer();
    try {
      const batch = this.dedup(taken);
      const out = await this.processIdentity(batch.identities);
      await this.write(batch, out);
      await this.wal.checkpoint(taken[taken.length - 1].end);
      this.storedRecords += taken.length;
      // Discarded events (a malformed $groupidentify) have no identity and were not written.
      for (const key of batch.storedBefore) this.storedByFailedFlush.delete(key);
      // Counted once the flush succeeds: a failed flush's retry meets the same duplicates again.
      if (batch.duplicates > 0) this.metrics.eventsDropped.inc({ reason: 'duplicate_event' }, batch.duplicates);
      this.metrics.eventsFlushed.inc(out.events.filter((e) => e !== null).length + batch.snapshots.length + batch.storedBefore.length);
      this.failures = 0;
    } catch (error) {
      this.failures += 1;
      this.log.error({ err: error, events, failures: this.failures }, 'flush to the event store failed; will retry');
      this.buffer = taken.concat(this.buffer);
      this.bufferedEvents += events;
      await new Promise((r) => setTimeout(r, Math.min(30_000, 200 * 2 ** this.failures)));
    } finally {
      endTimer();
      this.metrics.bufferSize.set(this.bufferedEvents);
    }
  }

  /** Reads the records' headers; leaves out events already stored (client retries, replays) and repeats within the batch. */
  private dedup(taken: Buffered[]) {
    const identities: IdentityEvent[] = [];
    const warnings: WarningRow[] = [];
    const rows = pickedRows();
    const snapshots: IdentityEvent[] = [];
    const snapshotRows = pickedRows();
    const eventKeys: number[] = [];
    const snapshotKeys: number[] = [];
    const storedBefore: number[] = [];
    let duplicates = 0;
    let count = 0;
    for (const { record } of taken) count += rowCount(record.rows);
    this.inBatch.reset(count);
    for (const { record } of taken) {
      const header = ingestHeader(record);
      for (const warning of header.warnings) warnings.push(warning);
      const events = header.events;
      for (let i = 0; i < events.length; i++) {
        const e = events[i];
        const key = RecentEventKeys.key(e.t, e.u, e.e);
        if (this.recent.hasKey(key) || !this.inBatch.add(key)) {
          // A row a failed flush stored before failing comes back once: stored, not the client's duplicate.
          if (this.storedByFailedFlush.has(key) && this.inBatch.add(key)) storedBefore.push(key);
          else duplicates += 1;
          continue;
        }
        if (e.snap) (snapshots.push(e), pick(snapshotRows, record.rows, i), snapshotKeys.push(key));
        else (identities.push(e), pick(rows, record.rows, i), eventKeys.push(key));
      }
    }
    return { identities, rows, snapshots, snapshotRows, eventKeys, snapshotKeys, warnings, storedBefore, duplicates };
  }

  /** Runs identity in chunks, yielding to the event loop between them so requests keep being served. */
  private async processIdentity(events: IdentityEvent[]): Promise<IdentityOutput> {
    const out: IdentityOutput = { events: [], persons: [], overrides: [], groups: [], warnings: [] };
    for (let i = 0; i < events.length; i += IDENTITY_CHUNK) {
      const part = await this.identity.process(events.slice(i, i + IDENTITY_CHUNK));
      for (const e of part.events) out.events.push(e);
      out.persons.push(...part.persons);
      out.overrides.push(...part.overrides);
      out.groups.push(...part.groups);
      out.warnings.push(...part.warnings);
      await new Promise((r) => setImmediate(r));
    }
    return out;
  }

  private async write(batch: ReturnType<IngestPipeline['dedup']>, out: IdentityOutput): Promise<void> {
    await this.store.insert('person', out.persons);
    await this.store.insert('person_distinct_id_overrides', out.overrides);
    await this.store.insert('groups', out.groups);
    const rows = new JsonLinesWriter(batch.rows.bytes + batch.identities.length * 64);
    for (let i = 0; i < batch.identities.length; i++) {
      const identity = out.events[i];
      if (!identity) continue;
      // The identity step's columns go in front of the row's own: its `{` is replaced, nothing is parsed again.
      rows.appendText(identityColumns(identity));
      rows.appendRow(batch.rows.blocks[i], batch.rows.indexes[i], 1);
    }
    if (this.failures >= FAILURES_BEFORE_ISOLATING) {
      const texts = rows.bytes().toString('utf8').split('\n');
      texts.pop();
      // Rows in before a failure that stops the isolation are remembered, so the retry does not store them twice.
      const rowKeys = batch.eventKeys.filter((_, i) => out.events[i]);
      const storedKeys: number[] = [];
      const remember = (from: number, to: number) => {
        for (let i = from; i < to; i++) (this.recent.addKey(rowKeys[i]), storedKeys.push(rowKeys[i]));
      };
      const result = await insertIsolatingBadRows(this.store, 'events', texts, this.options.quarantineDir, remember).catch((error: unknown) => {
        for (const key of storedKeys) this.storedByFailedFlush.add(key);
        throw error;
      });
      if (result.quarantined > 0) {
        this.metrics.eventsDropped.inc({ reason: 'refused_by_store' }, result.quarantined);
        this.log.error({ quarantined: result.quarantined, dir: this.options.quarantineDir }, 'rows the event store refused were set aside');
      }
    } else {
      await this.store.insertJsonRows('events', rows.bytes());
    }
    // Stored: a retry of this batch (if a later insert fails) must not store them again.
    for (const key of batch.eventKeys) this.recent.addKey(key);
    this.options.onStored?.(batch.identities, { at: (i) => (i >= 0 && i < batch.identities.length ? pickedText(batch.rows, i) : undefined) }, out.events);
    if (batch.snapshots.length > 0) {
      const snapshotRows = new JsonLinesWriter(batch.snapshotRows.bytes);
      for (let i = 0; i < batch.snapshots.length; i++) snapshotRows.appendRow(batch.snapshotRows.blocks[i], batch.snapshotRows.indexes[i]);
      await this.store.insertJsonRows('session_replay_events', snapshotRows.bytes());
    }
    for (const key of batch.snapshotKeys) this.recent.addKey(key);
    await this.store.insert('ingestion_warnings', [...out.warnings, ...batch.warnings]);
  }
}

/** The start of an event's row with the identity step's columns, to go in front of the row's own (after its `{`). */
function identityColumns(identity: EventIdentity): string {
  const g = identity.groupColumns;
  let head = `{"person_id":"${identity.personId}"`;
  for (let i = 0; i < g.length; i++) if (g[i] !== '') head += `,"$group_${i}":${JSON.stringify(g[i])}`;
  return head + ',';
}

