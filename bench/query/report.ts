/** Turns the query benchmark's measurements into the printed tables and the issue's targets with PASS/MISS. */
import { int, medianRatio, noteLines, pct, sec, sideMs, type RunInfo } from '../shared/question-report.js';
import { formatTable } from '../shared/table.js';
import { summarize } from './answers.js';
import type { Generated } from './generate.js';
import type { Outcome } from './measure.js';

/** Warren's median may be at most this multiple of the baseline's. */
export const TARGET_RATIO = 1.2;

export function formatReport(run: RunInfo, data: Generated, outcomes: Outcome[]): string {
  const mismatches = outcomes.filter((o) => typeof o.difference === 'string');
  return [
    `bench:query  ${run.cores} cores (${run.cpuModel}), Node ${run.nodeVersion}, chDB ${run.chdbVersion}; load average ${run.loadBefore.toFixed(2)} at start`,
    '',
    'Data (generated inside ClickHouse into a fresh store)',
    `  ${int(data.events)} events from ${run.firstDay} to ${run.lastDay} (${int(data.teamEvents)} in project 1, the rest in project 2), ` +
      `${int(data.persons)} persons, ${int(data.overrides)} anonymous ids merged into persons`,
    Number.isNaN(data.generateMs)
      ? '  reused from an earlier run (BENCH_STORE_DIR)'
      : `  generated in ${sec(data.generateMs)} (${int(data.events / (data.generateMs / 1000))} events/s), parts merged in ${sec(data.optimizeMs)}`,
    `  project 1: ${data.eventMix.map((m) => `${m.event} ${int(m.count)}`).join(', ')}`,
    '',
    `Questions asked at ${run.askedAt} (median of ${run.runs} runs after one warm-up, Warren and baseline alternating;`,
    ' Warren = compile + run the plan\'s statements + shape the response; baseline = hand-written ClickHouse SQL on the same chDB;',
    ' CPU ms = median CPU time of this process per run, chDB\'s threads included: steadier than wall time when others load the machine;',
    ` CPU while asking: this process ${pct(run.ownCpuShare)} of a core, other processes ${pct(run.otherCpuShare)})`,
    timesTable(outcomes),
    '',
    'Answers (the baseline\'s)',
    ...outcomes.map((o) => `  ${o.question.name}: ${answerLine(o)}`),
    '',
    'Targets',
    ...targetLines(outcomes),
    ...(mismatches.length === 0 ? [] : ['', '!!! WARREN AND THE BASELINE DISAGREE', ...mismatches.map((o) => `  MISMATCH  ${o.question.name}: ${o.difference}`)]),
    ...noteLines(run, ['  The funnel baseline counts persons per step with windowFunnel; Warren also computes average and median conversion times.']),
  ].join('\n');
}

function timesTable(outcomes: Outcome[]): string {
  const rows: string[][] = [['question', 'asks', 'Warren ms', 'baseline ms', 'Warren/baseline', 'CPU ms W / b', 'CPU ratio', 'target', 'same answer']];
  for (const o of outcomes) {
    rows.push([
      o.question.name,
      o.question.query.kind,
      sideMs(o.warren),
      sideMs(o.baseline),
      medianRatio(o) === null ? '-' : medianRatio(o)!.toFixed(2),
      o.cpuMs ? `${o.cpuMs.warren.toFixed(0)} / ${o.cpuMs.baseline.toFixed(0)}` : '-',
      o.cpuMs ? (o.cpuMs.warren / o.cpuMs.baseline).toFixed(2) : '-',
      o.question.targetMs === null ? '-' : `< ${int(o.question.targetMs)} ms`,
      o.difference === undefined ? '-' : o.difference === null ? 'yes' : 'NO',
    ]);
  }
  return formatTable(rows);
}

function answerLine(o: Outcome): string {
  const lines: string[] = [];
  if (o.baseline.kind === 'measured') lines.push(summarize(o.question.name, o.baseline.answer));
  else lines.push(`baseline ${o.baseline.kind}: ${o.baseline.message}`);
  if (o.warren.kind !== 'measured') lines.push(`Warren ${o.warren.kind}: ${o.warren.message.split('\n')[0].slice(0, 300)}`);
  return lines.join('; ');
}

function targetLines(outcomes: Outcome[]): string[] {
  const mark = (ok: boolean) => (ok ? 'PASS' : 'MISS');
  const lines: string[] = [];
  for (const o of outcomes) {
    const name = o.question.name;
    if (o.warren.kind !== 'measured') {
      lines.push(`  n/a   ${name}: Warren ${o.warren.kind === 'unavailable' ? 'cannot answer it yet' : 'failed'}`);
      continue;
    }
    if (o.question.targetMs !== null) {
      lines.push(`  ${mark(o.warren.medianMs < o.question.targetMs)}  ${name}: ${o.warren.medianMs.toFixed(1)} ms (target < ${int(o.question.targetMs)} ms)`);
    }
    const r = medianRatio(o);
    if (r !== null) lines.push(`  ${mark(r <= TARGET_RATIO)}  ${name}: ${r.toFixed(2)}x the hand-written SQL (target <= ${TARGET_RATIO})`);
  }
  return lines;
}

