/**
 * One export of the bench in a process of its own (argv: data dir, format, team): opens the store, runs the export
 * job as the server does, and sends the figures to the parent. `maxRSS` is this process's peak alone.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ExportFormat } from '../../apps/server/src/exports/export-input.js';
import { runExportJob } from '../../apps/server/src/exports/export-job.js';
import { ChdbEventStore } from '../../apps/server/src/storage/chdb-event-store.js';
import { RANGE } from './fill-store.js';

const [dataDir, format, team] = process.argv.slice(2) as [string, ExportFormat, string];
const store = new ChdbEventStore(dataDir);
await store.ping();
const rssAfterOpenMb = process.memoryUsage().rss / 1e6;
const file = path.join(dataDir, `bench-export-${process.pid}`);
const started = performance.now();
try {
  const { rows, bytes } = await runExportJob(store, {
    teamId: Number(team),
    format,
    context: RANGE,
    file,
    signal: new AbortController().signal,
    onProgress: () => undefined,
  });
  const ms = performance.now() - started;
  // maxRSS is in kilobytes.
  process.send!({ format, rows, bytes, ms, rssAfterOpenMb, peakRssMb: (process.resourceUsage().maxRSS * 1024) / 1e6 });
} finally {
  fs.rmSync(file, { force: true });
  await store.close();
}
