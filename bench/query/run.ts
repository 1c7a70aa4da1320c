/**
 * `npm run bench:query`: Warren's insight queries against hand-written ClickHouse SQL on the same chDB. Prints,
 * never fails.
 *
 * 1. Generates `BENCH_EVENTS` (default 10,000,000) realistic events inside ClickHouse into a fresh store in a temp
 *    directory (the server's DDL): about 100 events per person over 60 days, sessions of page journeys with clicks,
 *    a sign-up funnel with drop-off, return visits decaying with age (a retention curve), 10 % of persons merged
 *    from an anonymous id, 2 % of events in another project. The model is documented in generate.ts.
 * 2. Asks four questions (questions.ts) of Warren — `insightKind(kind).plan(query, ctx)`, the plan's statements on
 *    the store, `shape` — and of the baselines (baselines.ts) with the same semantics: trends 30-day DAU, a 4-step
 *    ordered funnel, 8-week first-time retention, $pageview paths. One warm-up each, then `BENCH_RUNS` (default 5)
 *    alternating runs; prints medians, the ratio, the targets, and checks both gave the same numbers.
 *    A question Warren cannot compile yet (`unsupported`) is reported as not available.
 *
 * Small runs while developing: `BENCH_EVENTS=200000 npm run bench:query`. `BENCH_SHOW_SQL=1` also prints the SQL
 * Warren compiled for each question (stderr), to see where its time goes. `BENCH_STORE_DIR=<dir>` keeps the
 * generated store there and, when it already holds one, asks the questions of it without generating again.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ChdbEventStore } from '../../apps/server/src/storage/chdb-event-store.js';
import { chdbVersion, startCpuWindow } from '../shared/cpu-time.js';
import { BASELINES } from './baselines.js';
import { DATA_LAST_DAY, firstDataDay, generate, reuse } from './generate.js';
import { measureQuestion, planWarren, type Outcome } from './measure.js';
import { questionLog } from '../shared/question-log.js';
import { NOW, QUESTIONS } from './questions.js';
import { formatReport } from './report.js';

function positiveEnv(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer`);
  return value;
}

async function main(): Promise<void> {
  const targetEvents = positiveEnv('BENCH_EVENTS', 10_000_000);
  const runs = positiveEnv('BENCH_RUNS', 5);
  const loadBefore = os.loadavg()[0];
  const started = Date.now();
  const kept = process.env.BENCH_STORE_DIR;
  const dataDir = kept ?? fs.mkdtempSync(path.join(os.tmpdir(), 'warren-bench-query-'));
  const store = new ChdbEventStore(dataDir);
  try {
    await store.migrate();
    let data = kept ? await reuse(store) : null;
    if (data) log(`reusing the ${data.events.toLocaleString('en-US')} events in ${dataDir}`);
    else {
      log(`generating about ${targetEvents.toLocaleString('en-US')} events in ${dataDir}...`);
      data = await generate(store, targetEvents, log);
    }
    log(`  ${data.events.toLocaleString('en-US')} events, ${data.persons.toLocaleString('en-US')} persons`);
    const outcomes: Outcome[] = [];
    const stopCpu = startCpuWindow();
    for (const question of QUESTIONS) {
      log(`${question.title}...`);
      if (process.env.BENCH_SHOW_SQL) await showSql(() => planWarren(question));
      const outcome = await measureQuestion(store, question, BASELINES[question.name], runs);
      logOutcome(outcome);
      outcomes.push(outcome);
    }
    const cpuShares = stopCpu();
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
      ...cpuShares,
    };
    console.log(formatReport(run, data, outcomes));
  } finally {
    await store.close();
    if (!kept) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const { log, showSql, logOutcome } = questionLog('bench:query', 'baseline');

await main();
