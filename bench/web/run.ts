/**
 * `npm run bench:web`: Warren's web analytics queries (sessions model) against hand-written ClickHouse SQL over the
 * raw events table, on the same chDB. Prints, never fails.
 *
 * 1. Generates `BENCH_SESSIONS` (default 2,000,000) sessions, about 5 events each (10M events), inside ClickHouse
 *    into a fresh store in a temp directory (the server's DDL), inserted through `events` so the sessions
 *    materialized view fills `raw_sessions` as ingestion does. The model is documented in generate.ts.
 * 2. Asks WebOverviewQuery and the WebStatsTableQuery Page table over the last 30 days of Warren —
 *    `insightKind(kind).plan(query, ctx)`, the plan's statements on the store, `shape` — and of the baselines
 *    (baselines.ts) with the same semantics. One warm-up each, then `BENCH_RUNS` (default 5) alternating runs; prints
 *    medians, the ratio, the targets (< 300 ms, < 500 ms, both faster than the raw SQL), and checks both gave
 *    the same numbers. A question Warren cannot compile yet is reported as not available.
 * 3. With `BENCH_PROFILE=1`, or when a target is missed, times the parts of Warren's query alone (profile.ts).
 *
 * Small runs while developing: `BENCH_SESSIONS=100000 npm run bench:web`. `BENCH_SHOW_SQL=1` also prints the SQL
 * Warren compiled for each question (stderr). `BENCH_STORE_DIR=<dir>` keeps the generated store there and, when it
 * already holds one, asks the questions of it without generating again (the sessions count then comes from it).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout } from 'node:timers/promises';
import { ChdbEventStore } from '../../apps/server/src/storage/chdb-event-store.js';
import { WebRollupJob } from '../../apps/server/src/web-analytics/web-rollup-job.js';
import { WebRollupStore } from '../../apps/server/src/web-analytics/web-rollup-store.js';
import { chdbVersion, startCpuWindow } from '../shared/cpu-time.js';
import { BASELINES } from './baselines.js';
import { DATA_LAST_DAY, firstDataDay, generate, reuse, TEAM } from './generate.js';
import { measureQuestion, planWarren, type Outcome } from './measure.js';
import { questionLog } from '../shared/question-log.js';
import { profileParts } from './profile.js';
import { CONTEXT, NOW, QUESTIONS } from './questions.js';
import { formatReport } from './report.js';

/** The rollup job's margin for writes in flight: nothing else writes to the bench's store once it is generated. */
const ROLLUP_MARGIN_MS = 1_000;

function positiveEnv(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer`);
  return value;
}

async function main(): Promise<void> {
  const sessions = positiveEnv('BENCH_SESSIONS', 2_000_000);
  const runs = positiveEnv('BENCH_RUNS', 5);
  const loadBefore = os.loadavg()[0];
  const started = Date.now();
  const kept = process.env.BENCH_STORE_DIR;
  const dataDir = kept ?? fs.mkdtempSync(path.join(os.tmpdir(), 'warren-bench-web-'));
  const store = new ChdbEventStore(dataDir);
  try {
    await store.migrate();
    let data = kept ? await reuse(store) : null;
    if (data) log(`reusing the ${data.sessions.toLocaleString('en-US')} sessions in ${dataDir}`);
    else {
      log(`generating ${sessions.toLocaleString('en-US')} sessions in ${dataDir}...`);
      data = await generate(store, sessions, log);
    }
    log(`  ${data.events.toLocaleString('en-US')} events, ${data.sessionRows.toLocaleString('en-US')} raw_sessions rows`);
    // The server's background job, one pass, as it would run on this data at the moment the questions are asked: the
    // days of session ids before the day it falls on are computed, that day is read from sessions. Nothing else
    // writes to this store, so the margin for concurrent writes is short.
    const rollups = new WebRollupStore(store, ROLLUP_MARGIN_MS);
    await setTimeout(ROLLUP_MARGIN_MS * 2);
    log('computing the web rollups (the rollup job, one pass)...');
    const rollupStarted = performance.now();
    const rollupDays = await new WebRollupJob(rollups, async () => CONTEXT.timezone, { warn: (detail: unknown, message?: string) => log(`${message}: ${JSON.stringify(detail)}`) }, { present: () => NOW.getTime() }).runOnce();
    const rollupMs = performance.now() - rollupStarted;
    log(`  ${rollupDays} days computed in ${(rollupMs / 1000).toFixed(1)} s; ${(await rollups.standingDays(TEAM)).length} days stand`);
    const outcomes: Outcome[] = [];
    const stopCpu = startCpuWindow();
    for (const question of QUESTIONS) {
      log(`${question.title}...`);
      if (process.env.BENCH_SHOW_SQL) await showSql(() => planWarren(question, rollups));
      const outcome = await measureQuestion(store, rollups, question, BASELINES[question.name], runs);
      logOutcome(outcome);
      outcomes.push(outcome);
    }
    const cpuShares = stopCpu();
    const missed = outcomes.some((o) => o.warren.kind === 'measured' && (o.warren.medianMs >= o.question.targetMs || (o.baseline.kind === 'measured' && o.warren.medianMs >= o.baseline.medianMs)));
    const profile = process.env.BENCH_PROFILE || missed ? await profileParts(store, runs, log) : [];
    log(`done in ${Math.round((Date.now() - started) / 1000)} s\n`);
    const run = {
      cores: os.availableParallelism(),
      cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
      nodeVersion: process.version,
      chdbVersion: chdbVersion(),
      runs,
      askedAt: NOW.toISOString().replace('T', ' ').replace('.000Z', ' UTC'),
      firstDay: firstDataDay(),
      lastDay: DATA_LAST_DAY,
      loadBefore,
      rollupDays,
      rollupMs,
      ...cpuShares,
    };
    console.log(formatReport(run, data, outcomes, profile));
  } finally {
    await store.close();
    if (!kept) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const { log, showSql, logOutcome } = questionLog('bench:web', 'raw SQL');

await main();
