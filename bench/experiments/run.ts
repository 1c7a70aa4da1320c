/**
 * `npm run bench:experiments`: the results of an experiment with about 1,000,000 exposed persons and a 3-step funnel
 * metric (viewed_checkout → added_payment → purchased within 14 days of exposure), as the server computes them —
 * the compiled statement on the store, its rows shaped, the Bayesian figures from packages/stats — against, on the
 * same chDB in the same run: a hand-written minimal SQL (windowFunnel per person, exposure as its first step, the
 * overrides joined) and Warren's plain FunnelsQuery over the same events (exposure then the three steps, broken
 * down by variant). Prints medians, ratios, the target (< 1.5 s) and whether the answers agree. Never fails.
 *
 * `BENCH_PERSONS` (default 1,020,000: 2 % belong to another project, so about 1,000,000 are exposed in ours),
 * `BENCH_RUNS` (default 5). Small runs while developing: `BENCH_PERSONS=50000 npm run bench:experiments`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { planExperimentStatistics } from '@warren/query/experiments/experiment-query';
import { experimentSpec, type ExperimentDefinition, type ExperimentFunnelMetric } from '@warren/query/experiments/experiment-spec';
import type { VariantStatistics } from '@warren/query/experiments/experiment-rows';
import { planFunnels } from '@warren/query/insights/funnels/funnels-query';
import { insightContext } from '@warren/query/insights/insight-context';
import { compareVariants } from '@warren/stats/compare-variants';
import { ChdbEventStore } from '../../apps/server/src/storage/chdb-event-store.js';
import { measureAlternating, type Side } from '../shared/alternating-runs.js';
import { chdbVersion, startCpuWindow } from '../shared/cpu-time.js';
import { EXPERIMENT_DAYS, FLAG_KEY, generate, START_DAY, TEAM } from './generate.js';

const TARGET_MS = 1500;
/** Statements get the server's budget or more; the store's limit must not be below the statement's own 10 s. */
const STATEMENT_TIMEOUT_MS = 30_000;

const start = new Date(`${START_DAY}T00:00:00Z`);
const end = new Date(start.getTime() + EXPERIMENT_DAYS * 86_400_000);
const CTX = insightContext({ teamId: TEAM, now: new Date(end.getTime() + 7 * 86_400_000) });
const EXPERIMENT: ExperimentDefinition = {
  id: 1,
  flagKey: FLAG_KEY,
  variants: [
    { key: 'control', rolloutPercentage: 50 },
    { key: 'test', rolloutPercentage: 50 },
  ],
  startDate: start,
  endDate: end,
  exposureCriteria: { multiple_variant_handling: 'exclude' },
};
const STEPS = ['viewed_checkout', 'added_payment', 'purchased'];
const METRIC: ExperimentFunnelMetric = {
  metric_type: 'funnel',
  series: STEPS.map((event) => ({ kind: 'EventsNode' as const, event })),
  conversion_window: 14,
  conversion_window_unit: 'day',
};

/** Per variant: exposed persons and persons reaching each step. */
type Answer = Record<string, number[]>;

function positiveEnv(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer`);
  return value;
}

async function askWarren(store: ChdbEventStore): Promise<Answer> {
  const plan = await planExperimentStatistics(experimentSpec(EXPERIMENT, METRIC, CTX), CTX);
  const [statement] = plan.statements;
  const rows = plan.shape([await store.query(statement.sql, statement.params, { timeoutMs: STATEMENT_TIMEOUT_MS })]);
  const stats = (key: string) => {
    const row = rows.find((r) => r.key === key) as VariantStatistics;
    return { key, numberOfSamples: row.number_of_samples, sum: row.sum, sumSquares: row.sum_squares, stepCounts: row.step_counts };
  };
  const figures = compareVariants({ metricType: 'funnel', control: stats('control'), variants: [stats('test')] });
  if (figures.variant_results.length !== 1) throw new Error('no figures');
  return Object.fromEntries(rows.filter((r) => r.key !== '$multiple').map((r) => [r.key, [r.number_of_samples, ...r.step_counts]]));
}

/** Hand-written: one pass grouped by person (overrides joined), windowFunnel with the exposure as its first step. */
const BASELINE_SQL = `
SELECT variant, count() AS exposed, countIf(level >= 2), countIf(level >= 3), countIf(level >= 4)
FROM (
  SELECT if(notEmpty(o.distinct_id), o.person_id, e.person_id) AS pid,
    argMinIf(JSONExtractString(e.properties, '$feature_flag_response'), e.timestamp, e.event = '$feature_flag_called') AS variant,
    uniqExactIf(JSONExtractString(e.properties, '$feature_flag_response'), e.event = '$feature_flag_called') AS variants,
    windowFunnel(1209600)(toDateTime(e.timestamp), e.event = '$feature_flag_called', e.event = 'viewed_checkout', e.event = 'added_payment', e.event = 'purchased') AS level
  FROM events AS e
  LEFT JOIN (SELECT distinct_id, argMax(person_id, version) AS person_id FROM person_distinct_id_overrides WHERE team_id = {team:Int64}
             GROUP BY distinct_id HAVING argMax(is_deleted, version) = 0) AS o ON o.distinct_id = e.distinct_id
  WHERE e.team_id = {team:Int64} AND e.timestamp >= {from:DateTime64(6, 'UTC')} AND e.timestamp <= {to:DateTime64(6, 'UTC')}
    AND (e.event IN ('viewed_checkout', 'added_payment', 'purchased')
         OR (e.event = '$feature_flag_called' AND JSONExtractString(e.properties, '$feature_flag') = {flag:String}))
  GROUP BY pid
  HAVING countIf(e.event = '$feature_flag_called') > 0
)
WHERE variants = 1
GROUP BY variant`;

async function askBaseline(store: ChdbEventStore): Promise<Answer> {
  const params = { team: TEAM, from: START_DAY + ' 00:00:00', to: end.toISOString().replace('T', ' ').replace('Z', ''), flag: FLAG_KEY };
  const result = await store.query(BASELINE_SQL, params, { timeoutMs: STATEMENT_TIMEOUT_MS });
  return Object.fromEntries(result.rows.map(([variant, ...counts]) => [String(variant), counts.map(Number)]));
}

/** Warren's FunnelsQuery: the exposure then the three steps, broken down by the variant the exposure answered. */
async function askFunnels(store: ChdbEventStore): Promise<Answer> {
  const exposure = { kind: 'EventsNode' as const, event: '$feature_flag_called', properties: [{ type: 'event', key: '$feature_flag', value: FLAG_KEY, operator: 'exact' }] };
  const plan = await planFunnels(
    {
      kind: 'FunnelsQuery',
      series: [exposure, ...METRIC.series],
      dateRange: { date_from: start.toISOString(), date_to: end.toISOString() },
      breakdownFilter: { breakdown: '$feature_flag_response', breakdown_type: 'event' },
      funnelsFilter: { funnelWindowInterval: 14, funnelWindowIntervalUnit: 'day' },
    } as never,
    CTX,
  );
  const [statement] = plan.statements;
  const results = plan.shape([await store.query(statement.sql, statement.params, { timeoutMs: STATEMENT_TIMEOUT_MS })]) as { breakdown_value: string[]; count: number }[][];
  return Object.fromEntries(results.map((steps) => [String(steps[0].breakdown_value?.[0]), steps.map((s) => s.count)]));
}

function describe(side: Side<Answer>): string {
  if (side.kind !== 'measured') return `${side.kind}: ${side.message}`;
  return `median ${side.medianMs.toFixed(0)} ms (runs ${side.runsMs.map((t) => t.toFixed(0)).join(', ')})`;
}

async function main(): Promise<void> {
  const persons = positiveEnv('BENCH_PERSONS', 1_020_000);
  const runs = positiveEnv('BENCH_RUNS', 5);
  const loadBefore = os.loadavg()[0];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'warren-bench-experiments-'));
  const store = new ChdbEventStore(dataDir);
  try {
    await store.migrate();
    log(`generating ${persons.toLocaleString('en-US')} exposed persons in ${dataDir}...`);
    const data = await generate(store, persons, log);
    log(`  ${data.events.toLocaleString('en-US')} events (${data.teamEvents.toLocaleString('en-US')} ours), ${data.exposedPersons.toLocaleString('en-US')} exposed persons ours, ${data.overrides.toLocaleString('en-US')} merges`);
    const stopCpu = startCpuWindow();
    log('experiment results vs the hand-written SQL...');
    const first = await measureAlternating(() => askWarren(store), () => askBaseline(store), runs);
    log('experiment results vs the plain FunnelsQuery...');
    const second = await measureAlternating(() => askWarren(store), () => askFunnels(store), runs);
    const cpu = stopCpu();
    const lines = [
      '',
      `## bench:experiments — ${os.cpus()[0]?.model.trim()} × ${os.availableParallelism()}, Node ${process.version}, chDB ${chdbVersion()}, load before ${loadBefore.toFixed(2)}`,
      `data: ${data.events.toLocaleString('en-US')} events, ${data.exposedPersons.toLocaleString('en-US')} exposed persons in the project, generated in ${(data.generateMs / 1000).toFixed(1)} s, merged in ${(data.optimizeMs / 1000).toFixed(1)} s`,
      `CPU while measuring: this process ${pct(cpu.ownCpuShare)} of a core, everything else ${pct(cpu.otherCpuShare)}`,
      `Warren ExperimentQuery (funnel, 3 steps, SQL + shape + Bayesian figures): ${describe(first.warren)}; target < ${TARGET_MS} ms: ${verdict(first.warren)}`,
      `hand-written minimal SQL (windowFunnel):                                ${describe(first.baseline)}; ratio ${ratio(first.warren, first.baseline)}`,
      `  answers: ${agreement(first.warren, first.baseline)}`,
      `Warren again (second series):                                            ${describe(second.warren)}`,
      `Warren FunnelsQuery, exposure + 3 steps by variant:                      ${describe(second.baseline)}; ratio ${ratio(second.warren, second.baseline)}`,
      `  answers (the FunnelsQuery keeps persons with two variants in their first): ${agreement(second.warren, second.baseline)}`,
      first.warren.kind === 'measured' ? `  Warren's answer: ${JSON.stringify(first.warren.answer)}` : '',
    ];
    console.log(lines.join('\n'));
  } finally {
    await store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function pct(share: number | null): string {
  return share === null ? 'n/a' : `${Math.round(share * 100)} %`;
}

function verdict(side: Side<Answer>): string {
  return side.kind === 'measured' ? (side.medianMs < TARGET_MS ? 'met' : 'missed') : 'n/a';
}

function ratio(warren: Side<Answer>, baseline: Side<Answer>): string {
  return warren.kind === 'measured' && baseline.kind === 'measured' ? `${(warren.medianMs / baseline.medianMs).toFixed(2)}× the baseline` : 'n/a';
}

function agreement(a: Side<Answer>, b: Side<Answer>): string {
  if (a.kind !== 'measured' || b.kind !== 'measured') return 'n/a';
  const same = ['control', 'test'].every((k) => JSON.stringify(a.answer[k]) === JSON.stringify(b.answer[k]));
  return same ? 'the same' : `differ: ${JSON.stringify(a.answer)} vs ${JSON.stringify(b.answer)}`;
}

function log(line: string): void {
  process.stderr.write(line + '\n');
}

await main();
