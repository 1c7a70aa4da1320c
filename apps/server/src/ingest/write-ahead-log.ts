import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';

/** A place in the log: the byte just after a record. */
export interface WalPosition {
  segment: number;
  offset: number;
}

/** A record: a JSON header and raw text lines (each line one JSON value, so it holds no newline). */
export interface WalRecord<H> {
  header: H;
  rows: string[];
}

export interface RecoveredRecord<H> {
  record: WalRecord<H>;
  end: WalPosition;
}

interface PendingAppend {
  line: Buffer;
  resolve: (end: WalPosition) => void;
  reject: (error: Error) => void;
}

const SEGMENT_MAX_BYTES = 64 * 1024 * 1024;
const CHECKPOINT_FILE = 'checkpoint.json';
const segmentName = (n: number): string => `${String(n).padStart(12, '0')}.wal`;

/**
 * Append-only log with group commit: every append waiting while a write is in flight goes out in the next single
 * write + fdatasync, and each append resolves only once its bytes are on disk. A record is a header line (JSON, with
 * the row count) followed by its rows verbatim, so rows that are already JSON text are never escaped again.
 * A checkpoint marks what the event store already holds; on open, the records after it are handed back for replay.
 */
export class WriteAheadLog<T> {
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
  static async open<T>(dir: string, options: { fsync: boolean }): Promise<{ wal: WriteAheadLog<T>; recovered: RecoveredRecord<T>[] }> {
    await fsp.mkdir(dir, { recursive: true });
    const checkpoint = await readCheckpoint(dir);
    const segments = (await listSegments(dir)).filter((n) => n >= checkpoint.segment);
    const recovered: RecoveredRecord<T>[] = [];
    for (const n of segments) {
      const start = n === checkpoint.segment ? checkpoint.offset : 0;
      recovered.push(...(await readSegment<T>(dir, n, start)));
    }
    const next = (segments.at(-1) ?? checkpoint.segment) + 1;
    const fd = fs.openSync(path.join(dir, segmentName(next)), 'a');
    return { wal: new WriteAheadLog<T>(dir, options.fsync, next, fd), recovered };
  }

  /** Appends one record; resolves with its end position once it is durable. */
  append(record: WalRecord<T>): Promise<WalPosition> {
    if (this.closed) return Promise.reject(new Error('write-ahead log is closed'));
    const head = JSON.stringify({ n: record.rows.length, h: record.header }) + '\n';
    const line = Buffer.from(record.rows.length === 0 ? head : head + record.rows.join('\n') + '\n');
    return new Promise((resolve, reject) => {
      this.queue.push({ line, resolve, reject });
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
        const ends = await this.writeBatch(batch.map((p) => p.line));
        batch.forEach((p, i) => p.resolve(ends[i]));
      } catch (error) {
        batch.forEach((p) => p.reject(error as Error));
      }
    }
    this.writing = false;
  }

  private async writeBatch(lines: Buffer[]): Promise<WalPosition[]> {
    if (this.segmentSize >= SEGMENT_MAX_BYTES) await this.rotate();
    const ends: WalPosition[] = [];
    let offset = this.segmentSize;
    for (const line of lines) {
      offset += line.length;
      ends.push({ segment: this.segment, offset });
    }
    const buffer = lines.length === 1 ? lines[0] : Buffer.concat(lines);
    await writeAll(this.fd, buffer);
    if (this.fsync) await new Promise<void>((res, rej) => fs.fdatasync(this.fd, (e) => (e ? rej(e) : res())));
    this.segmentSize = offset;
    return ends;
  }

  private async rotate(): Promise<void> {
    fs.closeSync(this.fd);
    this.segment += 1;
    this.segmentSize = 0;
    this.fd = fs.openSync(path.join(this.dir, segmentName(this.segment)), 'a');
  }
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
async function readSegment<T>(dir: string, segment: number, start: number): Promise<RecoveredRecord<T>[]> {
  const content = await fsp.readFile(path.join(dir, segmentName(segment)));
  const records: RecoveredRecord<T>[] = [];
  let at = start;
  for (;;) {
    const headEnd = content.indexOf(0x0a, at);
    if (headEnd < 0) break;
    let head: { n: number; h: T };
    try {
      head = JSON.parse(content.subarray(at, headEnd).toString('utf8')) as { n: number; h: T };
    } catch {
      break;
    }
    const rows: string[] = [];
    let lineStart = headEnd + 1;
    while (rows.length < head.n) {
      const newline = content.indexOf(0x0a, lineStart);
      if (newline < 0) break;
      rows.push(content.subarray(lineStart, newline).toString('utf8'));
      lineStart = newline + 1;
    }
    if (rows.length < head.n) break;
    records.push({ record: { header: head.h, rows }, end: { segment, offset: lineStart } });
    at = lineStart;
  }
  return records;
}
