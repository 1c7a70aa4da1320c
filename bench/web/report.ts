/** Turns the web benchmark's measurements into the printed tables and the issue's targets with PASS/MISS. */
import { int, medianRatio, noteLines, pct, sec, sideMs, type RunInfo } from '../shared/question-report.js';
import { formatTable } from '../shared/table.js';
import { summarize } from './answers.js';
import type { Generated } from './generate.js';
import { SERVER_LIMIT_MS, type Outcome } from './measure.js';

export function formatReport(run: RunInfo & { rollupDays: number; rollupMs: number }, data: Generated, outcomes: Outcome[], profile: string[]): string {
  const mismatches = outcomes.filter((o) => typeof o.difference === 'string');
  return [
    `bench:web  ${run.cores} cores (${run.cpuModel}), Node ${run.nodeVersion}, chDB ${run.chdbVersion}; load average ${run.loadBefore.toFixed(2)} at start`,
    '',
    'Data (generated inside ClickHouse, inserted through the events table so the sessions view filled raw_sessions)',
    `  ${int(data.events)} events in ${int(data.sessions)} sessions from ${run.firstDay} to ${run.lastDay} (${int(data.teamEvents)} events in project 1, the rest in project 2), ` +
      `${int(data.overrides)} anonymous ids merged into persons`,
    Number.isNaN(data.generateMs)
      ? `  reused from an earlier run (BENCH_STORE_DIR); raw_sessions ${int(data.sessionRows)} rows`
      : `  generated in ${sec(data.generateMs)} (${int(data.events / (data.generateMs / 1000))} events/s), parts merged in ${sec(data.optimizeMs)}; raw_sessions ${int(data.sessionRows)} rows`,
    `  project 1: ${data.eventMix.map((m) => `${m.event} ${int(m.count)}`).join(', ')}`,
    `  web rollups (the server's background job, one pass, as of the moment asked: days of session ids before that day):` +
      ` ${int(run.rollupDays)} days computed in ${sec(run.rollupMs)}`,
    '',
    `Questions asked at ${run.askedAt} (median of ${run.runs} runs after one warm-up, Warren and baseline alternating;`,
    " Warren = compile + run the plan's statements (sessions model) + shape the response; baseline = hand-written ClickHouse SQL",
    ` over the raw events table, no sessions model; CPU while asking: this process ${pct(run.ownCpuShare)} of a core, other processes ${pct(run.otherCpuShare)})`,
    timesTable(outcomes),
    '',
    "Answers (the baseline's)",
    ...outcomes.map((o) => `  ${o.question.name}: ${answerLine(o)}`),
    '',
    'Targets',
    ...targetLines(outcomes),
    ...(mismatches.length === 0 ? [] : ['', '!!! WARREN AND THE BASELINE DISAGREE', ...mismatches.map((o) => `  MISMATCH  ${o.question.name}: ${o.difference}`)]),
    ...(profile.length === 0 ? [] : ['', 'Where the time goes (median ms of each part run alone)', ...profile]),
    ...noteLines(run, ['  Both sides read the same chDB store in this process; the raw SQL reads each session\'s landing-event properties for the bot flag.']),
  ].join('\n');
}

function timesTable(outcomes: Outcome[]): string {
  const rows: string[][] = [['question', 'asks', 'Warren ms', 'raw SQL ms', 'Warren/raw', 'target', 'same answer', 'Warren runs ms']];
  for (const o of outcomes) {
    rows.push([
      o.question.name,
      o.question.query.kind,
      sideMs(o.warren),
      sideMs(o.baseline),
      medianRatio(o) === null ? '-' : medianRatio(o)!.toFixed(2),
      `< ${int(o.question.targetMs)} ms`,
      o.difference === undefined ? '-' : o.difference === null ? 'yes' : 'NO',
      o.warren.kind === 'measured' ? o.warren.runsMs.map((ms) => ms.toFixed(0)).join(' ') : '-',
    ]);
  }
  return formatTable(rows);
}

function answerLine(o: Outcome): string {
  const lines: string[] = [];
  if (o.baseline.kind === 'measured') lines.push(summarize(o.baseline.answer));
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
    lines.push(`  ${mark(o.warren.medianMs < o.question.targetMs)}  ${name}: ${o.warren.medianMs.toFixed(1)} ms (target < ${int(o.question.targetMs)} ms)`);
    const overLimit = o.warren.runsMs.filter((ms) => ms > SERVER_LIMIT_MS).length;
    if (overLimit > 0) lines.push(`  !!!   ${name}: ${overLimit} of ${o.warren.runsMs.length} runs took longer than the server's ${SERVER_LIMIT_MS / 1000} s query limit (the server would answer an error)`);
    const r = medianRatio(o);
    if (r !== null) lines.push(`  ${mark(r < 1)}  ${name}: ${r.toFixed(2)}x the raw-events SQL (target: faster, < 1)`);
  }
  return lines;
}

