import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { rowBlockAt, type RowBlock } from './row-block.js';

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
  head: Uint8Array;
  rows: Uint8Array;
  resolve: (end: WalPosition) => void;
  reject: (error: Error) => void;
}

const SEGMENT_MAX_BYTES = 64 * 1024 * 1024;
const CHECKPOINT_FILE = 'checkpoint.json';
const segmentName = (n: number): string => `${String(n).padStart(12, '0')}.wal`;

/**
 * Append-only log with group commit: every append waiting while a write is in flight goes out in the next single
 * synchronous write (O_DSYNC), and each append resolves only once its bytes are on disk. A record is a header line
 * (JSON, with the row count) followed by its rows' bytes verbatim, so rows that are already JSON text are never
 * escaped again.
 * A checkpoint marks what the event store already holds; on open, the records after it are handed back for replay.
 */
export class WriteAheadLog {
  private queue: PendingAppend[] = [];
  private writing = false;
  private closed = false;
  private segmentSize = 0;

  private constructor(
    private readonly dir: string,
    private readonly fsync: boolean,
    private segment: number,
    private fd: number,
  ) {}

  /** Opens the log in `dir`, returning it with the records that were appended after the last checkpoint. */
  static async open(dir: string, options: { fsync: boolean }): Promise<{ wal: WriteAheadLog; recovered: RecoveredRecord[] }> {
    await fsp.mkdir(dir, { recursive: true });
    const checkpoint = await readCheckpoint(dir);
    const segments = (await listSegments(dir)).filter((n) => n >= checkpoint.segment);
    const recovered: RecoveredRecord[] = [];
    for (const n of segments) {
      const start = n === checkpoint.segment ? checkpoint.offset : 0;
      recovered.push(...(await readSegment(dir, n, start)));
    }
    const next = (segments.at(-1) ?? checkpoint.segment) + 1;
    const fd = openSegment(path.join(dir, segmentName(next)), options.fsync);
    return { wal: new WriteAheadLog(dir, options.fsync, next, fd), recovered };
  }

  /** Appends one record; resolves with its end position once it is durable. */
  append(record: WalRecord): Promise<WalPosition> {
    if (this.closed) return Promise.reject(new Error('write-ahead log is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ head: record.head, rows: record.rows.bytes, resolve, reject });
      if (!this.writing) void this.drain();
    });
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

  /** Bytes appended and waiting for their write. */
  get queuedAppends(): number {
    return this.queue.length;
  }

  async close(): Promise<void> {
    this.closed = true;
    while (this.writing) await new Promise((r) => setTimeout(r, 5));
    fs.closeSync(this.fd);
  }

  private async drain(): Promise<void> {
    this.writing = true;
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      try {
        const ends = await this.writeBatch(batch);
        batch.forEach((p, i) => p.resolve(ends[i]));
      } catch (error) {
        batch.forEach((p) => p.reject(error as Error));
      }
    }
    this.writing = false;
  }

  private async writeBatch(appends: PendingAppend[]): Promise<WalPosition[]> {
    if (this.segmentSize >= SEGMENT_MAX_BYTES) await this.rotate();
    const ends: WalPosition[] = [];
    const parts: Uint8Array[] = [];
    let offset = this.segmentSize;
    for (const { head, rows } of appends) {
      offset += head.length + rows.byteLength;
      ends.push({ segment: this.segment, offset });
      parts.push(head);
      if (rows.byteLength > 0) parts.push(rows);
    }
    const buffer = Buffer.concat(parts, offset - this.segmentSize);
    await writeAll(this.fd, buffer);
    if (this.fsync && !WRITES_SYNC) await new Promise<void>((res, rej) => fs.fdatasync(this.fd, (e) => (e ? rej(e) : res())));
    this.segmentSize = offset;
    return ends;
  }

  private async rotate(): Promise<void> {
    fs.closeSync(this.fd);
    this.segment += 1;
    this.segmentSize = 0;
    this.fd = openSegment(path.join(this.dir, segmentName(this.segment)), this.fsync);
  }
}

/** Whether this platform opens files with O_DSYNC (Linux and macOS do; elsewhere each write is followed by fdatasync). */
const WRITES_SYNC = fs.constants.O_DSYNC !== undefined;

/**
 * A segment opened for appends. With `durable`, O_DSYNC: each write returns once its data is on disk, what write then
 * fdatasync gave, in one call instead of two round trips to libuv's threads.
 */
function openSegment(file: string, durable: boolean): number {
  const { O_APPEND, O_CREAT, O_WRONLY, O_DSYNC } = fs.constants;
  return fs.openSync(file, O_APPEND | O_CREAT | O_WRONLY | (durable && WRITES_SYNC ? O_DSYNC : 0), 0o644);
}

async function writeAll(fd: number, buffer: Buffer): Promise<void> {
  let written = 0;
  while (written < buffer.length) {
    written += await new Promise<number>((res, rej) =>
      fs.write(fd, buffer, written, buffer.length - written, null, (e, n) => (e ? rej(e) : res(n))),
    );
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
