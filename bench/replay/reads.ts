/**
 * The read side of replay: the recordings list with many recordings in the project, and how long a player waits for
 * the first snapshot block of a 30-minute recording (sources list, then the first block). Seeds a fresh Warren
 * through `POST /s/` with generated recordings, exactly as posthog-js would have sent them.
 */
import fs from 'node:fs';
import { gzipSync } from 'node:zlib';
import { spawnWarren, type WarrenProcess } from '../../tests/support/spawn-warren.js';
import { generateRecording, relabelRecording, snapshotRequestBodies, type GeneratedRecording } from '../../tests/support/rrweb-recording-generator.js';
import { readIngestGauges } from '../ingest/warren-probe.js';
import { median } from '../shared/alternating-runs.js';
import type { SessionRecordingApi } from '@warren/shared/replay-api';
import { summarizeSnapshots } from '../../apps/server/src/replay/snapshot-summary.js';
import { SNAPSHOT_HEADERS } from './payloads.js';

export interface ReadFlags {
  recordings: number;
  runs: number;
}

export interface Timing {
  name: string;
  medianMs: number;
  maxMs: number;
  detail: string;
}

export type ReadReport =
  | { available: false; reason: string }
  | { available: true; recordings: number; seedSec: number; list: Timing[]; firstBlock: Timing[]; firstBlockNote: string; agreement: string[] };

const TEMPLATES = 40;
const SEED_CONCURRENCY = 16;
const SETTLE_TIMEOUT_MS = 180_000;

/** Starts a Warren of its own, seeds it and times the reads the parts asked for. */
export async function measureReads(flags: ReadFlags, wants: (part: string) => boolean, log: (line: string) => void): Promise<ReadReport> {
  const warren = await spawnWarren({ env: { WARREN_FLUSH_INTERVAL_MS: '500' } });
  try {
    const probe = await api(warren, '/session_recordings/?limit=1');
    if (probe.status === 404) return { available: false, reason: 'GET /api/projects/:id/session_recordings/ answers 404: the replay API is not in this build' };
    const started = Date.now();
    const long = generateRecording({ seed: 30, durationMs: 30 * 60_000, startMs: Date.now() - 32 * 60_000, token: warren.token });
    const count = wants('list') ? flags.recordings : 0;
    log(`reads: seeding ${count} recordings and one of 30 minutes (${long.requests.length} requests) through /s/...`);
    await post(warren, snapshotRequestBodies(long).map((r) => r.body), 1);
    await seedMany(warren, count);
    await settle(warren, count + 1, log);
    const seedSec = (Date.now() - started) / 1000;
    const list = wants('list') ? await timeList(warren, flags.runs, count) : [];
    const first = wants('first-block') ? await timeFirstBlock(warren, long, flags.runs) : { timings: [], note: '' };
    const agreement = await compareMetadata(warren, long);
    return { available: true, recordings: count + 1, seedSec, list, firstBlock: first.timings, firstBlockNote: first.note, agreement };
  } finally {
    await warren.stop();
    fs.rmSync(warren.dataDir, { recursive: true, force: true });
  }
}

/**
 * `count` recordings of 10 s to 1 min, started over the last 60 hours, each posted as one `/s/` request (short ones
 * keep seeding to about a minute: Warren's ingest cost follows the bytes, and the list's cost the row count).
 */
async function seedMany(warren: WarrenProcess, count: number): Promise<void> {
  const now = Date.now();
  const templates = Array.from({ length: Math.min(TEMPLATES, count) }, (_, i) =>
    generateRecording({ seed: 1000 + i, durationMs: 10_000 + ((i * 7919) % 50) * 1000, productCards: 2, navigations: i % 4 === 0 ? 1 : 0, startMs: now, token: warren.token }),
  );
  let next = 0;
  const body = (): Buffer | null => {
    if (next >= count) return null;
    const i = next++;
    const template = templates[i % templates.length];
    const shiftMs = -Math.round(((i + 0.5) / count) * 60 * 3_600_000) - (template.summary.endMs - template.summary.startMs);
    const copy = relabelRecording(template, { seed: i + 1, shiftMs });
    return gzipSync(JSON.stringify(copy.requests.flatMap((r) => r.events)));
  };
  await Promise.all(Array.from({ length: SEED_CONCURRENCY }, () => sendAll(warren, body)));
}

async function post(warren: WarrenProcess, bodies: Buffer[], concurrency: number): Promise<void> {
  let next = 0;
  const body = () => (next < bodies.length ? bodies[next++] : null);
  await Promise.all(Array.from({ length: concurrency }, () => sendAll(warren, body)));
}

async function sendAll(warren: WarrenProcess, nextBody: () => Buffer | null): Promise<void> {
  for (let body = nextBody(); body !== null; body = nextBody()) {
    const res = await fetch(`${warren.url}/s/`, { method: 'POST', headers: SNAPSHOT_HEADERS, body: new Uint8Array(body) });
    if (res.status !== 200) throw new Error(`/s/ answered ${res.status}: ${await res.text()}`);
    await res.arrayBuffer();
  }
}

/** Waits until the store holds every accepted snapshot and the list shows `expected` recordings. */
async function settle(warren: WarrenProcess, expected: number, log: (line: string) => void): Promise<void> {
  const started = Date.now();
  for (;;) {
    const g = await readIngestGauges(warren.url);
    const page = g.flushedTotal >= g.acceptedTotal ? await api(warren, `/session_recordings/?limit=1&offset=${expected - 1}&date_from=-4d`) : null;
    if (page?.status === 200 && (page.body as { results: unknown[] }).results.length === 1) return;
    if (Date.now() - started > SETTLE_TIMEOUT_MS) throw new Error(`the list did not reach ${expected} recordings in ${SETTLE_TIMEOUT_MS / 1000} s`);
    if ((Date.now() - started) % 10_000 < 500) log(`  waiting: ${g.flushedTotal} of ${g.acceptedTotal} snapshots stored`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** The list as the app asks for it (50 a page), in a few orders and pages, each a warm-up then `runs` timed calls. */
async function timeList(warren: WarrenProcess, runs: number, count: number): Promise<Timing[]> {
  const variants: [string, string][] = [
    ['first page, newest first (the default)', '/session_recordings/?limit=50'],
    ['first page, most console errors', '/session_recordings/?limit=50&order=console_error_count'],
    ['first page, by activity score', '/session_recordings/?limit=50&order=activity_score'],
    ['last page of the last 3 days', `/session_recordings/?limit=50&offset=${Math.max(0, count - 50)}`],
  ];
  const out: Timing[] = [];
  for (const [name, path] of variants) {
    const { timesMs, last } = await timed(warren, path, runs);
    const body = last.body as { results?: unknown[]; has_next?: boolean };
    out.push({ name, medianMs: median(timesMs), maxMs: Math.max(...timesMs), detail: `${body.results?.length ?? 0} rows, has_next ${body.has_next}` });
  }
  return out;
}

/** Sources list, then the first block; checks the block opens with a full snapshot the player can start from. */
async function timeFirstBlock(warren: WarrenProcess, recording: GeneratedRecording, runs: number): Promise<{ timings: Timing[]; note: string }> {
  const base = `/session_recordings/${recording.sessionId}/snapshots/`;
  const sources = await timed(warren, base, runs);
  const list = (sources.last.body as { sources: { blob_key: string }[] }).sources;
  const firstKey = list[0].blob_key;
  const block = await timed(warren, `${base}?source=blob_v2&blob_key=${firstKey}`, runs);
  const lines = String(block.last.text).trim().split('\n').map((l) => JSON.parse(l) as [string, { type: number }]);
  const both = sources.timesMs.map((ms, i) => ms + block.timesMs[i]);
  const hasFull = lines.some(([, e]) => e.type === 2);
  const blockKb = (Buffer.byteLength(block.last.text) / 1000).toFixed(1);
  return {
    timings: [
      { name: 'sources list (snapshots/)', medianMs: median(sources.timesMs), maxMs: Math.max(...sources.timesMs), detail: `${list.length} blocks` },
      { name: 'first block (blob_v2, one key)', medianMs: median(block.timesMs), maxMs: Math.max(...block.timesMs), detail: `${lines.length} events, ${blockKb} kB` },
      { name: 'both, one after the other', medianMs: median(both), maxMs: Math.max(...both), detail: hasFull ? 'holds a full snapshot' : 'NO full snapshot' },
    ],
    note: `30-minute recording: ${recording.summary.rrwebEvents} rrweb events, ${(recording.summary.rrwebJsonBytes / 1e6).toFixed(2)} MB of JSON, sent in ${recording.requests.length} requests`,
  };
}

/** The 30-minute recording's metadata as Warren computed it, against what the generator wrote. */
async function compareMetadata(warren: WarrenProcess, recording: GeneratedRecording): Promise<string[]> {
  const res = await api(warren, `/session_recordings/${recording.sessionId}/`);
  const got = res.body as SessionRecordingApi;
  const s = recording.summary;
  // Warren's own rule (PostHog's 5 s segmenter) over the whole recording at once, rather than $snapshot by $snapshot.
  const wholeActiveSec = Math.round(summarizeSnapshots(recording.rrwebEvents as never).activeMilliseconds / 1000);
  const plannedActiveSec = s.activeSpans.reduce((sum, [a, b]) => sum + (b - a), 0) / 1000;
  const pairs: [string, number | string | null, number | string][] = [
    ['recording_duration', got.recording_duration, Math.floor((s.endMs - s.startMs) / 1000)],
    ['click_count', got.click_count, s.clicks],
    ['keypress_count', got.keypress_count, s.keypresses],
    ['mouse_activity_count', got.mouse_activity_count, s.mouseActivity],
    ['console_log_count', got.console_log_count, s.console.log],
    ['console_warn_count', got.console_warn_count, s.console.warn],
    ['console_error_count', got.console_error_count, s.console.error],
    ['start_url', got.start_url, s.urls[0]],
  ];
  const lines = pairs.map(([name, server, generated]) => `  ${name.padEnd(22)} warren ${String(server).padStart(8)}   generated ${String(generated).padStart(8)}   ${server === generated ? 'same' : 'DIFFERENT'}`);
  lines.push(
    `  ${'active_seconds'.padEnd(22)} warren ${String(got.active_seconds).padStart(8)}   the same 5 s rule over the whole recording ${wholeActiveSec} s;` +
      ` generated bursts ${plannedActiveSec.toFixed(0)} s`,
  );
  return lines;
}

async function timed(warren: WarrenProcess, path: string, runs: number): Promise<{ timesMs: number[]; last: { status: number; body: unknown; text: string } }> {
  let last = await api(warren, path);
  if (last.status !== 200) throw new Error(`GET ${path} answered ${last.status}: ${last.text.slice(0, 300)}`);
  const timesMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    last = await api(warren, path);
    timesMs.push(performance.now() - started);
  }
  return { timesMs, last };
}

async function api(warren: WarrenProcess, path: string): Promise<{ status: number; body: unknown; text: string }> {
  const res = await fetch(`${warren.url}/api/projects/1${path}`, { headers: { authorization: `Bearer ${warren.personalApiKey}` } });
  const text = await res.text();
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  return { status: res.status, body, text };
}

/** The read tables. */
export function formatReadReport(report: ReadReport): string {
  if (!report.available) return `Recordings list and first snapshot block: NOT MEASURED (${report.reason})`;
  const rows = (timings: Timing[], target: number) =>
    timings.map((t) => `  ${t.name.padEnd(42)} median ${t.medianMs.toFixed(1).padStart(7)} ms   max ${t.maxMs.toFixed(1).padStart(7)} ms   ${t.detail}${target > 0 ? `   ${t.medianMs < target ? 'PASS' : 'MISS'} (< ${target} ms)` : ''}`);
  return [
    `Reads (${report.recordings} recordings in the project, seeded through /s/ in ${report.seedSec.toFixed(0)} s; timed over loopback with the personal API key)`,
    ...(report.list.length ? ['GET /api/projects/:id/session_recordings/ (target < 200 ms)', ...rows(report.list, 200)] : []),
    ...(report.firstBlock.length ? [`Time to the first snapshot block (${report.firstBlockNote})`, ...rows(report.firstBlock, 0)] : []),
    'The 30-minute recording as Warren summarized it, against the generator',
    ...report.agreement,
  ].join('\n');
}
