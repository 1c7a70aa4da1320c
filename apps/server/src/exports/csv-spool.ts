import { once } from 'node:events';
import fs from 'node:fs';
import readline from 'node:readline';
import { pipeline, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { validationError } from '../platform/app-error.js';
import { csvHeader, flattenForCsv } from './csv-flatten.js';

/** Beyond this many distinct columns a CSV is no longer a table anyone can open; JSON lines or Parquet suit it. */
export const MAX_CSV_COLUMNS = 10_000;

/**
 * PostHog's CSV header is every column of every row, so no row can be written before the last one is known. Rows
 * are flattened once and spooled to a file (one JSON object per line) while their columns are collected; the CSV is
 * then streamed from the spool. Memory holds the column names and one row at a time, whatever the row count.
 */
export class CsvSpool {
  private readonly columns = new Set<string>();
  private readonly out: fs.WriteStream;
  rows = 0;

  constructor(private readonly path: string) {
    this.out = fs.createWriteStream(path, { flags: 'w' });
  }

  /** Spools one API object (e.g. an event view), waiting when the disk is behind. */
  async add(record: object): Promise<void> {
    const flat = flattenForCsv(record);
    for (const column of Object.keys(flat)) this.columns.add(column);
    if (this.columns.size > MAX_CSV_COLUMNS) {
      throw validationError(`These events have more than ${MAX_CSV_COLUMNS} distinct columns; export them as JSON lines or Parquet instead.`, 'format');
    }
    this.rows++;
    if (!this.out.write(JSON.stringify(flat) + '\n')) await once(this.out, 'drain');
  }

  /** Flushes the spool; call before csv(). */
  async finish(): Promise<void> {
    this.out.end();
    await once(this.out, 'finish');
  }

  /**
   * The CSV (header, then every spooled row, CRLF line ends as Python's csv module writes) as a byte stream;
   * destroying it stops the read of the spool.
   */
  csv(): Readable {
    const header = csvHeader(this.columns);
    return pipeline(Readable.from(this.records(header)), stringify({ record_delimiter: 'windows' }), () => {
      // Errors reach the consumer through the returned stream, which pipeline destroys with them.
    });
  }

  /** Deletes the spool file; safe to call twice. */
  async remove(): Promise<void> {
    if (!this.out.closed) this.out.destroy();
    await fs.promises.rm(this.path, { force: true });
  }

  private async *records(header: string[]): AsyncGenerator<string[]> {
    if (header.length === 0) return;
    yield header;
    const lines = readline.createInterface({ input: fs.createReadStream(this.path), crlfDelay: Infinity });
    try {
      for await (const line of lines) {
        const flat = JSON.parse(line) as Record<string, string>;
        yield header.map((column) => flat[column] ?? '');
      }
    } finally {
      lines.close();
    }
  }
}
