import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { readEventPages } from '../events/event-pages.js';
import type { EventFilters } from '../events/event-query.js';
import { toEventView } from '../events/event-view.js';
import type { EventStore } from '../storage/event-store.js';
import { CsvSpool } from './csv-spool.js';
import type { EventsExportContext, ExportFormat } from './export-input.js';
import { ParquetEventsFile } from './parquet-events.js';

/** Rows per query and per Parquet row group: what one job holds in memory at a time. */
export const EXPORT_PAGE_SIZE = 25_000;

export interface ExportJobInput {
  teamId: number;
  format: ExportFormat;
  context: EventsExportContext;
  /** The file to write; it is complete only when run resolves. */
  file: string;
  signal: AbortSignal;
  /** Called after each page with the rows read so far and the bytes written so far. */
  onProgress: (rows: number, bytes: number) => void | Promise<void>;
}

/**
 * Writes every event of the context's range to `file` in the chosen format, page by page, with no row limit.
 * Resolves with the row count and file size. Example: await runExportJob(store, { format: 'text/csv', … }).
 */
export async function runExportJob(store: EventStore, input: ExportJobInput): Promise<{ rows: number; bytes: number }> {
  const filters = filtersOf(input.context);
  const pages = readEventPages(store, input.teamId, filters, { order: 'asc', pageSize: EXPORT_PAGE_SIZE, windowed: true, signal: input.signal });
  switch (input.format) {
    case 'application/json':
      return writeJsonLines(pages, input);
    case 'text/csv':
      return writeCsv(pages, input);
    case 'application/vnd.apache.parquet':
      return writeParquet(pages, input);
  }
}

type Pages = ReturnType<typeof readEventPages>;

async function writeJsonLines(pages: Pages, input: ExportJobInput): Promise<{ rows: number; bytes: number }> {
  const out = fs.createWriteStream(input.file, { flags: 'w' });
  let rows = 0;
  try {
    for await (const page of pages) {
      let text = '';
      for (const row of page) text += JSON.stringify(toEventView(row)) + '\n';
      if (!out.write(text)) await once(out, 'drain');
      rows += page.length;
      await input.onProgress(rows, out.bytesWritten);
    }
    out.end();
    await once(out, 'finish');
    return { rows, bytes: out.bytesWritten };
  } finally {
    if (!out.closed) out.destroy();
  }
}

async function writeCsv(pages: Pages, input: ExportJobInput): Promise<{ rows: number; bytes: number }> {
  const spool = new CsvSpool(`${input.file}.spool`);
  try {
    for await (const page of pages) {
      for (const row of page) await spool.add(toEventView(row));
      await input.onProgress(spool.rows, 0);
    }
    await spool.finish();
    input.signal.throwIfAborted();
    await pipeline(spool.csv(), fs.createWriteStream(input.file, { flags: 'w' }), { signal: input.signal });
    return { rows: spool.rows, bytes: (await fs.promises.stat(input.file)).size };
  } finally {
    await spool.remove();
  }
}

async function writeParquet(pages: Pages, input: ExportJobInput): Promise<{ rows: number; bytes: number }> {
  const file = await ParquetEventsFile.create(input.file);
  let rows = 0;
  try {
    for await (const page of pages) {
      await file.add(page);
      rows += page.length;
      await input.onProgress(rows, file.bytes);
    }
    await file.finish();
  } catch (error) {
    await file.abandon();
    throw error;
  }
  return { rows, bytes: (await fs.promises.stat(input.file)).size };
}

function filtersOf(context: EventsExportContext): EventFilters {
  return {
    after: new Date(context.after),
    before: new Date(context.before),
    event: context.event,
    distinctId: context.distinct_id,
    personId: context.person_id,
    properties: context.properties as EventFilters['properties'],
  };
}

/** The file of export `id` under the exports directory. */
export function exportFilePath(dir: string, location: string): string {
  return path.join(dir, path.basename(location));
}
