/**
 * `npm run bench:export`: exports `BENCH_EVENTS` (default 1,000,000) events in each format and prints the time and
 * the peak resident memory of the process that did it. Prints, never fails.
 *
 * 1. Fills a fresh store in a temp directory inside ClickHouse (`INSERT … SELECT … FROM numbers(n)`): events of
 *    10,000 persons over 30 days, each with about ten properties (URL, browser, plan, a nested object, …) and a
 *    person row with properties, so the export's person join has work to do.
 * 2. For each format (CSV, JSON lines, Parquet) forks a fresh process that opens the store and runs the export job
 *    exactly as the server does (runExportJob: keyset pages of 25,000 events). Each format has a process of its
 *    own so that `process.resourceUsage().maxRSS` is that export's peak, not the highest of the three.
 *    The process's RSS includes the embedded ClickHouse; the line "after opening the store" is that baseline.
 *
 * Small runs while developing: `BENCH_EVENTS=100000 npm run bench:export`.
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ExportFormat } from '../../apps/server/src/exports/export-input.js';
import { fillStore, TEAM } from './fill-store.js';

const FORMATS: ExportFormat[] = ['text/csv', 'application/json', 'application/vnd.apache.parquet'];

export interface ChildResult {
  format: ExportFormat;
  rows: number;
  bytes: number;
  ms: number;
  rssAfterOpenMb: number;
  peakRssMb: number;
}

async function main(): Promise<void> {
  const events = Number(process.env.BENCH_EVENTS ?? 1_000_000);
  if (!Number.isInteger(events) || events <= 0) throw new Error('BENCH_EVENTS must be a positive integer');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'warren-bench-export-'));
  try {
    log(`load average before: ${os.loadavg()[0].toFixed(2)} on ${os.availableParallelism()} cores`);
    log(`filling ${events.toLocaleString('en-US')} events in ${dataDir}...`);
    const fillMs = await fillStore(dataDir, events);
    log(`  filled in ${(fillMs / 1000).toFixed(1)} s`);
    const results: ChildResult[] = [];
    for (const format of FORMATS) {
      log(`exporting as ${format}...`);
      results.push(await exportInChild(dataDir, format));
    }
    console.log(report(events, results));
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function exportInChild(dataDir: string, format: ExportFormat): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(import.meta.dirname, 'export-child.ts'), [dataDir, format, String(TEAM)], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result: ChildResult | null = null;
    child.on('message', (message) => (result = message as ChildResult));
    child.on('error', reject);
    child.on('exit', (code) => (result ? resolve(result) : reject(new Error(`export child exited with ${code}`))));
  });
}

function report(events: number, results: ChildResult[]): string {
  const lines = [
    `bench:export — ${events.toLocaleString('en-US')} events, one process per format, keyset pages of 25,000`,
    '',
    'format                           rows        file MB   seconds   rows/s     RSS after open MB   peak RSS MB',
  ];
  for (const r of results) {
    lines.push(
      [
        r.format.padEnd(32),
        r.rows.toLocaleString('en-US').padStart(10),
        (r.bytes / 1e6).toFixed(1).padStart(10),
        (r.ms / 1000).toFixed(1).padStart(9),
        Math.round(r.rows / (r.ms / 1000)).toLocaleString('en-US').padStart(10),
        r.rssAfterOpenMb.toFixed(0).padStart(20),
        r.peakRssMb.toFixed(0).padStart(13),
      ].join(' '),
    );
  }
  lines.push('', `load average after: ${os.loadavg()[0].toFixed(2)}`);
  return lines.join('\n');
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

await main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
