/** Turns the benchmark's measurements into the printed tables and the targets with PASS/MISS. */
import { formatTable } from '../shared/table.js';
import type { LoadResult } from './load.js';
import type { Scenario } from './payloads.js';
import type { IngestGauges } from './warren-probe.js';

export interface RunSettings {
  cores: number;
  cpuModel: string;
  nodeVersion: string;
  connections: number;
  warmupSec: number;
  durationSec: number;
  flushIntervalMs: number;
}

export interface DurabilityCheck {
  /** Gauges scraped the moment the timed run ended. */
  atEnd: IngestGauges;
  /** Events in 2xx responses the load generator saw (warm-up + timed run). */
  clientAckedEvents: number;
  /** Growth of `warren_events_accepted_total` over the scenario, read once the store had caught up. */
  serverAcceptedEvents: number;
  /** Growth of `select count() from events` over the scenario. */
  storedEvents: number;
  drainMs: number;
  drained: boolean;
  /** Flushes to the event store over the scenario (load + drain), the seconds they took, and the events they wrote. */
  flushes: number;
  flushSec: number;
  flushedEvents: number;
}

export interface ScenarioReport {
  scenario: Scenario;
  baseline: LoadResult;
  warren: LoadResult;
  durability: DurabilityCheck;
}

export const TARGETS = { batchedEventsPerSec: 100_000, ratioToBaseline: 0.4, singleReqPerSec: 15_000 };

export function reqPerSec(r: LoadResult): number {
  return r.ok2xx / r.durationSec;
}

export function eventsPerSec(r: LoadResult, scenario: Scenario): number {
  return reqPerSec(r) * scenario.eventsPerRequest;
}

/** The whole report as text. */
export function formatReport(settings: RunSettings, reports: ScenarioReport[]): string {
  return [
    header(settings),
    '',
    'Throughput (timed run; req/s and events/s count 2xx responses only; latency has 1 ms resolution;',
    ' CPU columns are % of one core: the server process, the load generator, and everything else on the machine)',
    throughputTable(reports),
    '',
    'Warren durability and backlog (per scenario; "stored" = select count() from events; "acked (client)" misses requests',
    ' cut off when the load generator stopped, which the server still acknowledged; "flush events/s" = events written',
    ' to the store per second spent flushing; "stored/s incl. drain" = stored events over warm-up + timed run + drain,',
    ' the rate the whole pipeline sustained end to end)',
    durabilityTable(settings, reports),
    '',
    'Targets',
    targetLines(reports).join('\n'),
    ...noteLines(reports),
  ].join('\n');
}

/** A load generator near a full core, or other busy processes, make a figure a floor rather than a ceiling. */
const BUSY_CORE_FRACTION = 0.85;
const NOISY_NEIGHBOUR_FRACTION = 0.25;

function noteLines(reports: ScenarioReport[]): string[] {
  const notes: string[] = [];
  for (const { scenario, baseline, warren } of reports) {
    for (const [server, r] of [['baseline', baseline], ['warren', warren]] as const) {
      const share = (sec: number | null) => (sec === null ? 0 : sec / r.durationSec);
      if (share(r.cpuSec) >= BUSY_CORE_FRACTION) {
        notes.push(`  ${scenario.name}/${server}: the load generator used ${pct(share(r.cpuSec))} of a core, so this figure is partly client-bound` +
          (server === 'baseline' ? ' (the ceiling is understated and the Warren/baseline ratio overstated)' : ''));
      }
      if (share(r.otherCpuSec) >= NOISY_NEIGHBOUR_FRACTION) {
        notes.push(`  ${scenario.name}/${server}: other processes used ${pct(share(r.otherCpuSec))} of a core during the timed run; the machine was not quiet`);
      }
    }
  }
  return notes.length > 0 ? ['', 'Notes', ...notes] : [];
}

function pct(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

function header(s: RunSettings): string {
  return [
    `Warren ingest benchmark — ${s.cores} cores (${s.cpuModel}), Node ${s.nodeVersion}`,
    `server, baseline and load generator are separate processes sharing those ${s.cores} cores; ` +
      `${s.connections} connections, warm-up ${s.warmupSec} s, timed run ${s.durationSec} s; ` +
      `Warren: WAL fsync on, flush interval ${s.flushIntervalMs} ms`,
  ].join('\n');
}

function throughputTable(reports: ScenarioReport[]): string {
  const rows: string[][] = [['scenario', 'server', 'req/s', 'events/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors', 'server CPU', 'loadgen CPU', 'other CPU', 'Warren/baseline']];
  for (const { scenario, baseline, warren } of reports) {
    const ratio = eventsPerSec(warren, scenario) / eventsPerSec(baseline, scenario);
    rows.push(loadRow(scenario, 'baseline', baseline, ''));
    rows.push(loadRow(scenario, 'warren', warren, ratio.toFixed(2)));
  }
  return formatTable(rows);
}

function loadRow(scenario: Scenario, server: string, r: LoadResult, ratio: string): string[] {
  const cpu = (sec: number | null) => (sec === null ? '-' : pct(sec / r.durationSec));
  return [
    scenario.name,
    server,
    int(reqPerSec(r)),
    int(eventsPerSec(r, scenario)),
    String(r.latencyP50Ms),
    String(r.latencyP99Ms),
    String(r.non2xx) + (r.non2xx > 0 ? ` ${JSON.stringify(r.statusCodes)}` : ''),
    String(r.errors + r.timeouts),
    cpu(r.serverCpuSec),
    cpu(r.cpuSec),
    cpu(r.otherCpuSec),
    ratio,
  ];
}

function durabilityTable(settings: RunSettings, reports: ScenarioReport[]): string {
  const rows: string[][] = [
    ['scenario', 'lag s @end', 'buffer @end', 'acked (client)', 'accepted (server)', 'stored', 'stored = accepted', 'drain ms', 'stored/s incl. drain', 'flushes', 'events/flush', 'flush events/s'],
  ];
  for (const { scenario, durability: d } of reports) {
    rows.push([
      scenario.name,
      d.atEnd.lagSec.toFixed(3),
      int(d.atEnd.bufferEvents),
      int(d.clientAckedEvents),
      int(d.serverAcceptedEvents),
      int(d.storedEvents),
      d.storedEvents === d.serverAcceptedEvents ? 'yes' : 'NO',
      d.drained ? int(d.drainMs) : `>${int(d.drainMs)} (gave up)`,
      int(d.storedEvents / (settings.warmupSec + settings.durationSec + d.drainMs / 1000)),
      int(d.flushes),
      int(d.flushedEvents / d.flushes),
      int(d.flushedEvents / d.flushSec),
    ]);
  }
  return formatTable(rows);
}

function targetLines(reports: ScenarioReport[]): string[] {
  const lines: string[] = [];
  const mark = (ok: boolean) => (ok ? 'PASS' : 'MISS');
  for (const { scenario, warren } of reports.filter((r) => r.scenario.eventsPerRequest > 1)) {
    const eps = eventsPerSec(warren, scenario);
    lines.push(`  ${mark(eps >= TARGETS.batchedEventsPerSec)}  ${scenario.name}: ${int(eps)} events/s with durable ack (target >= ${int(TARGETS.batchedEventsPerSec)})`);
  }
  for (const { scenario, warren, baseline } of reports) {
    const ratio = eventsPerSec(warren, scenario) / eventsPerSec(baseline, scenario);
    lines.push(`  ${mark(ratio >= TARGETS.ratioToBaseline)}  ${scenario.name}: ${ratio.toFixed(2)} of the parse-only ceiling (target >= ${TARGETS.ratioToBaseline})`);
  }
  for (const { scenario, warren } of reports.filter((r) => r.scenario.eventsPerRequest === 1)) {
    const rps = reqPerSec(warren);
    lines.push(`  ${mark(rps >= TARGETS.singleReqPerSec)}  ${scenario.name}: ${int(rps)} req/s for single events (target >= ${int(TARGETS.singleReqPerSec)})`);
  }
  for (const { scenario, warren, durability } of reports) {
    const clean = warren.non2xx === 0 && warren.errors + warren.timeouts === 0;
    lines.push(`  ${mark(clean)}  ${scenario.name}: Warren non-2xx ${warren.non2xx}, socket errors/timeouts ${warren.errors + warren.timeouts} (must be 0)`);
    const stored = durability.storedEvents === durability.serverAcceptedEvents && durability.storedEvents >= durability.clientAckedEvents;
    lines.push(`  ${mark(stored)}  ${scenario.name}: every acknowledged event stored (${int(durability.storedEvents)} stored, ${int(durability.serverAcceptedEvents)} accepted)`);
  }
  return lines;
}

function int(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : String(n);
}
