/** The `/s/` ingest part of the replay report: MB/s of JSON and of wire bytes, Warren against the parse-only server. */
import type { LoadRunResult } from '../shared/load-run.js';
import { formatTable } from '../shared/table.js';
import type { ReplayLoadResult } from './load.js';

export type ReplayLoad = LoadRunResult<ReplayLoadResult>;

export interface IngestDurability {
  /** Growth of `warren_events_accepted_total` (one per `$snapshot` event answered 200) over the Warren run. */
  acceptedSnapshots: number;
  /** Growth of `warren_events_flushed_total` once the store caught up (repeats of a wrapped pool are not written). */
  storedSnapshots: number;
  drainMs: number;
  drained: boolean;
}

export interface IngestReport {
  baseline: ReplayLoad;
  warren: ReplayLoad;
  durability: IngestDurability;
  fsync: boolean;
}

const MB = 1e6;

export function jsonMBps(r: ReplayLoad): number {
  return r.acked.jsonBytes / MB / r.durationSec;
}

export function wireMBps(r: ReplayLoad): number {
  return r.acked.wireBytes / MB / r.durationSec;
}

/** The ingest tables and the ratio line. */
export function formatIngestReport(report: IngestReport): string {
  const { baseline, warren, durability } = report;
  const rows: string[][] = [['server', '200 after', 'req/s', 'JSON MB/s', 'wire MB/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors', 'server CPU', 'loadgen CPU', 'other CPU', 'server CPU s/MB']];
  const warrenAck = report.fsync ? 'WAL fdatasync' : 'WAL write (no fsync)';
  for (const [name, ack, r] of [['parse-only', 'JSON.parse', baseline], ['warren', warrenAck, warren]] as const) rows.push(loadRow(name, ack, r));
  const ratio = jsonMBps(warren) / jsonMBps(baseline);
  const cpuRatio = cpuPerMB(baseline) / cpuPerMB(warren);
  const ack = report.fsync ? 'once the batch is in its write-ahead log, fsync on' : 'after a WAL write WITHOUT fsync (diagnostic run, not durable)';
  return [
    'POST /s/ (posthog-js $snapshot batches, gzip, text/plain; the JSON column counts the bytes before gzip;',
    ` Warren answers 200 ${ack})`,
    formatTable(rows),
    `  mean request: ${kb(warren.acked.jsonBytes / warren.acked.requests)} kB JSON, ${kb(warren.acked.wireBytes / warren.acked.requests)} kB gzip`,
    `  Warren / parse-only: ${ratio.toFixed(2)} (JSON MB/s; the same ratio holds for wire MB/s on the same pool)`,
    `  Warren / parse-only by server CPU per MB: ${Number.isFinite(cpuRatio) ? cpuRatio.toFixed(2) : '-'} (the ratio a machine of its own would show if both were CPU-bound)`,
    `  durability: ${durability.storedSnapshots} of ${durability.acceptedSnapshots} accepted $snapshot events stored` +
      ` ${durability.drained ? `(store caught up ${durability.drainMs} ms after the run)` : `(NOT caught up after ${durability.drainMs} ms)`}`,
    // Only Warren deduplicates (by $snapshot uuid), so only its run must not repeat a body.
    ...(warren.bodiesSent > warren.poolSize ? [`  note: the Warren run sent ${warren.bodiesSent} bodies from a pool of ${warren.poolSize}; repeats were deduplicated, raise --pool`] : []),
  ].join('\n');
}

function loadRow(name: string, ack: string, r: ReplayLoad): string[] {
  const cpu = (sec: number | null) => (sec === null ? '-' : `${Math.round((sec / r.durationSec) * 100)}%`);
  return [
    name,
    ack,
    String(Math.round(r.acked.requests / r.durationSec)),
    jsonMBps(r).toFixed(2),
    wireMBps(r).toFixed(2),
    String(r.latencyP50Ms),
    String(r.latencyP99Ms),
    String(r.non2xx),
    String(r.errors + r.timeouts),
    cpu(r.serverCpuSec),
    cpu(r.cpuSec),
    cpu(r.otherCpuSec),
    Number.isFinite(cpuPerMB(r)) ? cpuPerMB(r).toFixed(3) : '-',
  ];
}

/** Core-seconds the server spent per MB of JSON it acknowledged in the timed run. */
function cpuPerMB(r: ReplayLoad): number {
  return r.serverCpuSec === null ? NaN : r.serverCpuSec / (r.acked.jsonBytes / MB);
}

function kb(bytes: number): string {
  return (bytes / 1000).toFixed(1);
}
