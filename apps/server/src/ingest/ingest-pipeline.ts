import type { Logger } from 'pino';
import type { EventStore } from '../storage/event-store.js';
import type { IdentityProcessor } from '../identity/identity-processor.js';
import type { IdentityOutput, WarningRow } from '../identity/identity-output.js';
import type { Metrics } from '../platform/metrics.js';
import type { NormalizedEvent } from './types.js';
import { RecentEventKeys } from './recent-event-keys.js';
import { snapshotRow } from './snapshot-rows.js';
import type { WalPosition, WriteAheadLog } from './write-ahead-log.js';

/** One durable append: the events of a request and the warnings it raised. */
export interface IngestRecord {
  events: NormalizedEvent[];
  warnings: WarningRow[];
}

interface Buffered {
  record: IngestRecord;
  end: WalPosition;
}

export interface PipelineOptions {
  flushIntervalMs: number;
  flushMaxEvents: number;
  /** Refuse new events (503) while this many acknowledged events wait for the store. */
  maxBufferedEvents?: number;
}

const IDENTITY_CHUNK = 1000;

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
  private failures = 0;

  constructor(
    private readonly wal: WriteAheadLog<IngestRecord>,
    private readonly store: EventStore,
    private readonly identity: IdentityProcessor,
    private readonly metrics: Metrics,
    private readonly log: Logger,
    private readonly options: PipelineOptions,
  ) {}

  /** Loads recently stored event keys (so retries and replays are not stored twice) and queues replayed records. */
  async start(recovered: { record: IngestRecord; end: WalPosition }[]): Promise<void> {
    const stored = await this.store.query(
      `SELECT team_id, toString(uuid), event FROM events WHERE inserted_at > now64(6) - INTERVAL 1 DAY ORDER BY inserted_at DESC LIMIT 1000000`,
    );
    for (const [teamId, uuid, event] of stored.rows.reverse()) this.recent.add(Number(teamId), String(uuid), String(event));
    for (const entry of recovered) this.enqueue(entry.record, entry.end);
    if (recovered.length > 0) this.log.info({ records: recovered.length, events: this.bufferedEvents }, 'replaying write-ahead log');
    this.timer = setInterval(() => void this.flush(), this.options.flushIntervalMs);
    this.timer.unref();
    if (recovered.length > 0) await this.flush();
  }

  /** True while the buffer is too full to take more (the store is down or far behind). */
  get overloaded(): boolean {
    return this.bufferedEvents >= (this.options.maxBufferedEvents ?? 2_000_000);
  }

  /** Makes a record durable, then buffers it for the store. Resolves when the client may be told 200. */
  async accept(record: IngestRecord): Promise<void> {
    const end = await this.wal.append(record);
    this.enqueue(record, end);
    this.metrics.eventsAccepted.inc(record.events.length);
    if (this.bufferedEvents >= this.options.flushMaxEvents) void this.flush();
  }

  /** Writes everything buffered now; resolves when it is in the store. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.buffer.length === 0) return;
    this.flushing = this.flushOnce().finally(() => {
      this.flushing = null;
    });
    await this.flushing;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.flush();
    await this.wal.close();
  }

  private enqueue(record: IngestRecord, end: WalPosition): void {
    this.buffer.push({ record, end });
    this.bufferedEvents += record.events.length;
    this.metrics.bufferSize.set(this.bufferedEvents);
  }

  private async flushOnce(): Promise<void> {
    const taken = this.buffer;
    this.buffer = [];
    const takenEvents = this.bufferedEvents;
    this.bufferedEvents = 0;
    const oldest = taken[0].record.events[0]?.createdAt;
    if (oldest) this.metrics.ingestionLag.set((Date.now() - Date.parse(oldest)) / 1000);
    const endTimer = this.metrics.flushDuration.startTimer();
    try {
      const fresh = this.dedup(taken);
      const snapshots = fresh.filter((e) => e.event === '$snapshot');
      const out = await this.processIdentity(fresh.filter((e) => e.event !== '$snapshot'));
      for (const entry of taken) out.warnings.push(...entry.record.warnings);
      await this.write(out);
      await this.store.insert('session_replay_events', snapshots.map(snapshotRow));
      for (const event of fresh) this.recent.add(event.teamId, event.uuid, event.event);
      await this.wal.checkpoint(taken[taken.length - 1].end);
      this.metrics.eventsFlushed.inc(out.events.length);
      this.failures = 0;
    } catch (error) {
      this.failures += 1;
      this.log.error({ err: error, events: takenEvents, failures: this.failures }, 'flush to the event store failed; will retry');
      this.buffer = taken.concat(this.buffer);
      this.bufferedEvents += takenEvents;
      await new Promise((r) => setTimeout(r, Math.min(30_000, 200 * 2 ** this.failures)));
    } finally {
      endTimer();
      this.metrics.bufferSize.set(this.bufferedEvents);
      this.metrics.ingestionLag.set(0);
    }
  }

  /** Leaves out events already stored (client retries, replays) and repeats within the batch. */
  private dedup(taken: Buffered[]): NormalizedEvent[] {
    const fresh: NormalizedEvent[] = [];
    const inBatch = new Set<string>();
    for (const { record } of taken) {
      for (const event of record.events) {
        const key = `${event.teamId}|${event.uuid}|${event.event}`;
        if (this.recent.has(event.teamId, event.uuid, event.event) || inBatch.has(key)) {
          this.metrics.eventsDropped.inc({ reason: 'duplicate_event' });
          continue;
        }
        inBatch.add(key);
        fresh.push(event);
      }
    }
    return fresh;
  }

  /** Runs identity in chunks, yielding to the event loop between them so requests keep being served. */
  private async processIdentity(events: NormalizedEvent[]): Promise<IdentityOutput> {
    const out: IdentityOutput = { events: [], persons: [], overrides: [], groups: [], warnings: [] };
    for (let i = 0; i < events.length; i += IDENTITY_CHUNK) {
      const part = await this.identity.process(events.slice(i, i + IDENTITY_CHUNK));
      out.events.push(...part.events);
      out.persons.push(...part.persons);
      out.overrides.push(...part.overrides);
      out.groups.push(...part.groups);
      out.warnings.push(...part.warnings);
      await new Promise((r) => setImmediate(r));
    }
    return out;
  }

  private async write(out: IdentityOutput): Promise<void> {
    await this.store.insert('person', out.persons);
    await this.store.insert('person_distinct_id_overrides', out.overrides);
    await this.store.insert('groups', out.groups);
    await this.store.insert('events', out.events);
    await this.store.insert('ingestion_warnings', out.warnings);
  }
}
