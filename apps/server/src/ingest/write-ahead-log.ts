import fsp from 'node:fs/promises';
import path from 'node:path';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { rowBlockAt, type RowBlock } from './row-block.js';
import { segmentName } from './wal-segments.js';
import { FAILED_WRITES, WRITTEN_SEQ, type FromWalWriter, type ToWalWriter, type WalWriterSetup } from './wal-writer-protocol.js';

/** A place in the log: the byte just after a record. */
export interface WalPosition {
  segment: number;
  offset: number;
}

/**
 * A record as it is written: its head line (walHead: JSON holding the row count and a header, then a newline) and
 * rows of JSON text (row-block.ts: each ended by a newline, and holding no other). Both are bytes, so a record can
 * be made on another thread and written as it arrives.
 */
export interface WalRecord {
  head: Uint8Array;
  rows: RowBlock;
}

export interface RecoveredRecord {
  record: WalRecord;
  end: WalPosition;
}

/** The head line of a record of `rowCount` rows with `header`. Example: walHead({n: 1}, 0) is `{"n":0,"h":{"n":1}}\n`. */
export function walHead(header: unknown, rowCount: number): Uint8Array {
  return Buffer.from(`{"n":${rowCount},"h":${JSON.stringify(header)}}\n`);
}

/** The header a head line holds (as written by walHead). */
export function walHeader<H>(head: Uint8Array): H {
  return (JSON.parse(Buffer.from(head.buffer, head.byteOffset, head.byteLength).toString('utf8')) as { h: H }).h;
}

interface PendingAppend {
  /** The write message that carries it. */
  seq: number;
  end: WalPosition;
  resolve: (end: WalPosition) => void;
  reject: (error: Error) => void;
}

const SEGMENT_MAX_BYTES = 64 * 1024 * 1024;

export interface WalOptions {
  /** Each write is on disk before its appends resolve. */
  fsync: boolean;
  /** A segment takes no more appends once it holds this many bytes (64 MB). */
  segmentMaxBytes?: number;
}

const CHECKPOINT_FILE = 'checkpoint.json';

/**
 * Append-only log with group commit: a record is a header line (JSON, with the row count) followed by its rows' bytes
 * verbatim, so rows that are already JSON text are never escaped again, and each append resolves only once its bytes
 * are on disk. A checkpoint marks what the event store already holds; on open, the records after it are handed back
 * for replay.
 *
 * The writes happen on a thread of their own (wal-writer.ts). The appends of one turn of the event loop go to it in
 * one message, posted without waiting for the write before to finish; the writer writes everything that waits in one
 * synchronous write (O_DSYNC) and goes on without sleeping while more waits. Why not libuv's thread pool (an `fs.write`
 * per group, as before): each write woke a sleeping pool thread, and on a 2-core VM under load that cost the event
 * loop ~170-260 µs of CPU per write (read from /proc/thread-self/schedstat around the call), 300 times a second.
 * The writer also publishes the last write on disk in a shared counter, read at every append: under load the event
 * loop is often busy with a burst of requests when a write finishes, and the requests it acknowledges can be answered
 * from the middle of that burst instead of after it (single events, paired: +11 % requests/s, -11 % CPU per request
 * in one run of 8 rounds, +9 % in one of 6, -9 % in another of 4 during a slow phase; the machine is noisy).
 * Positions are assigned here as records are appended. A failed write fails every later record of its segment too
 * (they would sit behind a torn record, where recovery stops reading), and appends move on to a new segment.
 */
export class WriteAheadLog {
  /** Appended this turn, sent to the writer when it ends. */
  private outgoing: { head: Uint8Array; rows: Uint8Array; pending: PendingAppend }[] = [];
  /** Sent and not yet written, in order. */
  private inFlight: PendingAppend[] = [];
  private nextSeq = 0;
  /** 'failed' messages handled so far (see append). */
  private failuresHeard = 0;
  private closed = false;
  /** Set when the writer thread is gone: every append fails with it. */
  private broken: Error | null = null;
  private segmentSize = 0;
  private onClosed: (() => void) | null = null;
  private onDrained: (() => void) | null = null;

  private constructor(
    private readonly dir: string,
    private segment: number,
    private readonly segmentMaxBytes: number,
    private readonly worker: Worker,
    private readonly port: MessagePort,
    private readonly written: Int32Array,
  ) {
    port.on('message', (message: FromWalWriter) => this.heard(message));
    port.unref();
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', () => this.fail(new Error('the write-ahead log writer stopped')));
    worker.unref();
  }

  /** Opens the log in `dir`, returning it with the records that were appended after the last checkpoint. */
  static async open(dir: string, options: WalOptions): Promise<{ wal: WriteAheadLog; recovered: RecoveredRecord[] }> {
    await fsp.mkdir(dir, { recursive: true });
    const checkpoint = await readCheckpoint(dir);
    const segments = (await listSegments(dir)).filter((n) => n >= checkpoint.segment);
    const recovered: RecoveredRecord[] = [];
    for (const n of segments) {
      const start = n === checkpoint.segment ? checkpoint.offset : 0;
      recovered.push(...(await readSegment(dir, n, start)));
    }
    const next = (segments.at(-1) ?? checkpoint.segment) + 1;
    const { port1, port2 } = new MessageChannel();
    const written = new Int32Array(new SharedArrayBuffer(8));
    written[WRITTEN_SEQ] = -1;
    const setup: WalWriterSetup = { dir, durable: options.fsync, segment: next, port: port2, written };
    const worker = new Worker(new URL('./wal-writer-entry.mjs', import.meta.url), { workerData: setup, transferList: [port2] });
    const first = await new Promise<FromWalWriter>((resolve, reject) => {
      port1.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', () => reject(new Error('the write-ahead log writer stopped while starting')));
    });
    if (first.type !== 'ready') {
      await worker.terminate();
      throw new Error(`cannot open the write-ahead log in ${dir}: ${first.type === 'open-failed' ? first.message : first.type}`);
    }
    return { wal: new WriteAheadLog(dir, next, options.segmentMaxBytes ?? SEGMENT_MAX_BYTES, worker, port1, written), recovered };
  }

  /** Appends one record; resolves with its end position once it is durable. */
  append(record: WalRecord): Promise<WalPosition> {
    if (this.closed) return Promise.reject(new Error('write-ahead log is closed'));
    if (this.broken) return Promise.reject(this.broken);
    const head = record.head;
    const rows = record.rows.bytes;
    // Read in this order: the writer counts a failure before it publishes any later write, so a count that matches
    // what was heard means no failed write hides under the published one (its appends must be rejected, not resolved).
    const writtenSeq = Atomics.load(this.written, WRITTEN_SEQ);
    if (Atomics.load(this.written, FAILED_WRITES) === this.failuresHeard) this.settle(writtenSeq);
    if (this.segmentSize >= this.segmentMaxBytes) this.rotate();
    this.segmentSize += head.byteLength + rows.byteLength;
    const end = { segment: this.segment, offset: this.segmentSize };
    return new Promise((resolve, reject) => {
      if (this.outgoing.length === 0) setImmediate(() => this.send());
      this.outgoing.push({ head, rows, pending: { seq: -1, end, resolve, reject } });
    });
  }

  /** False once the writer thread is gone (every append then fails) or the log is closed. */
  get healthy(): boolean {
    return this.broken === null && !this.closed;
  }

  /** Records that everything up to `position` is in the event store, and deletes segments wholly before it. */
  async checkpoint(position: WalPosition): Promise<void> {
    const file = path.join(this.dir, CHECKPOINT_FILE);
    await fsp.writeFile(file + '.tmp', JSON.stringify(position));
    await fsp.rename(file + '.tmp', file);
    for (const n of await listSegments(this.dir)) {
      if (n < position.segment) await fsp.rm(path.join(this.dir, segmentName(n)), { force: true });
    }
  }

  /** Waits for every append made so far to be written (or to fail), then stops the writer. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.send();
    if (this.inFlight.length > 0) await new Promise<void>((resolve) => (this.onDrained = resolve));
    if (!this.broken) {
      this.port.ref();
      const closed = new Promise<void>((resolve) => (this.onClosed = resolve));
      this.post({ type: 'close' });
      await closed;
    }
    await this.worker.terminate();
  }

  /** Sends the turn's appends, one message per segment, each in one buffer the writer takes over (not a copy). */
  private send(): void {
    const appends = this.outgoing;
    this.outgoing = [];
    for (let i = 0; i < appends.length; ) {
      const segment = appends[i].pending.end.segment;
      let j = i;
      let size = 0;
      for (; j < appends.length && appends[j].pending.end.segment === segment; j++) size += appends[j].head.byteLength + appends[j].rows.byteLength;
      // Not from Node's shared pool: a pooled buffer's memory cannot be handed to another thread.
      const bytes = Buffer.allocUnsafeSlow(size);
      let at = 0;
      const seq = this.nextSeq++;
      for (let k = i; k < j; k++) {
        const { head, rows, pending } = appends[k];
        bytes.set(head, at);
        at += head.byteLength;
        bytes.set(rows, at);
        at += rows.byteLength;
        pending.seq = seq;
        this.inFlight.push(pending);
      }
      this.post({ type: 'write', seq, segment, bytes }, [bytes.buffer as ArrayBuffer]);
      i = j;
    }
    if (this.inFlight.length > 0) this.port.ref();
  }

  private post(message: ToWalWriter, transfer: ArrayBuffer[] = []): void {
    if (this.broken) {
      for (const p of this.inFlight.splice(0)) p.reject(this.broken);
      return;
    }
    this.port.postMessage(message, transfer);
  }

  private heard(message: FromWalWriter): void {
    switch (message.type) {
      case 'written':
        this.settle(message.seq);
        break;
      case 'failed': {
        this.failuresHeard += 1;
        const error = new Error(`write-ahead log write failed: ${message.message}`);
        while (this.inFlight.length > 0 && this.inFlight[0].seq <= message.to) this.inFlight.shift()!.reject(error);
        // Later appends go to a fresh segment; any already sent to this one fail in the writer, in turn.
        if (this.segment === message.segment) this.rotate();
        break;
      }
      case 'closed':
        this.onClosed?.();
        break;
      default:
        break;
    }
    if (this.inFlight.length === 0) {
      this.port.unref();
      this.onDrained?.();
      this.onDrained = null;
    }
  }

  /** Resolves the appends of every write message up to `seq`, which is on disk. */
  private settle(seq: number): void {
    while (this.inFlight.length > 0 && this.inFlight[0].seq <= seq) {
      const p = this.inFlight.shift()!;
      p.resolve(p.end);
    }
  }

  /** The writer thread is gone: what waits fails, and so does every later append. */
  private fail(error: Error): void {
    if (this.broken) return;
    this.broken = error;
    for (const p of this.inFlight.splice(0)) p.reject(error);
    for (const { pending } of this.outgoing.splice(0)) pending.reject(error);
    this.onDrained?.();
    this.onDrained = null;
    this.onClosed?.();
  }

  private rotate(): void {
    this.segment += 1;
    this.segmentSize = 0;
  }
}

async function readCheckpoint(dir: string): Promise<WalPosition> {
  try {
    const parsed = JSON.parse(await fsp.readFile(path.join(dir, CHECKPOINT_FILE), 'utf8')) as WalPosition;
    if (Number.isInteger(parsed.segment) && Number.isInteger(parsed.offset)) return parsed;
  } catch {
    // no checkpoint yet: replay everything
  }
  return { segment: 0, offset: 0 };
}

async function listSegments(dir: string): Promise<number[]> {
  const names = await fsp.readdir(dir);
  return names
    .filter((n) => /^\d{12}\.wal$/.test(n))
    .map((n) => Number(n.slice(0, 12)))
    .sort((a, b) => a - b);
}

/** Reads complete records from `start`; a torn last record (crash mid-write, never acknowledged) is ignored. */
async function readSegment(dir: string, segment: number, start: number): Promise<RecoveredRecord[]> {
  const content = await fsp.readFile(path.join(dir, segmentName(segment)));
  const records: RecoveredRecord[] = [];
  let at = start;
  for (;;) {
    const headEnd = content.indexOf(0x0a, at);
    if (headEnd < 0) break;
    let head: { n: number };
    try {
      head = JSON.parse(content.subarray(at, headEnd).toString('utf8')) as { n: number };
    } catch {
      break;
    }
    const rows = rowBlockAt(content, headEnd + 1, head.n);
    if (rows === null) break;
    const rowsEnd = headEnd + 1 + rows.bytes.byteLength;
    records.push({ record: { head: new Uint8Array(content.subarray(at, headEnd + 1)), rows }, end: { segment, offset: rowsEnd } });
    at = rowsEnd;
  }
  return records;
}
