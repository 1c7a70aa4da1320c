/**
 * Asks each question of Warren (its compiler's plan, the plan's statements on the store, then `shape`) and of the
 * hand-written baseline on the same store, one warm-up each, then alternately, and keeps the median times.
 */
import type { ChdbEventStore } from '../../apps/server/src/storage/chdb-event-store.js';
import type { WebRollupStore } from '../../apps/server/src/web-analytics/web-rollup-store.js';
import { MAX_EXECUTION_TIME_SECONDS } from '@warren/query/hogql/compile-hogql';
import { HogQLError } from '@warren/query/hogql/hogql-error';
import { measureAlternating, type Side as AlternatingSide } from '../shared/alternating-runs.js';
import { insightKind } from '@warren/query/insights/insight-kinds';
import type { InsightPlan, StatementResult } from '@warren/query/insights/insight-statement';
import { firstDifference, warrenAnswer, type Answer } from './answers.js';
import type { Baseline } from './baselines.js';
import { CONTEXT, type Question } from './questions.js';

export type Side = AlternatingSide<Answer>;

export interface Outcome {
  question: Question;
  warren: Side;
  baseline: Side;
  /** Null when both answered the same numbers; undefined when one side has no answer. */
  difference?: string | null;
}

/** Long enough for either side at this scale on a busy machine: a slow answer is measured, not cut off. */
const STATEMENT_TIMEOUT_MS = 600_000;
/** Warren's statements carry the server's query limit; the bench lifts it to this to measure them past it. */
const LIFTED_LIMIT_SECONDS = STATEMENT_TIMEOUT_MS / 1000;
/** What the server allows a query: past it, the server would answer an error instead. */
export const SERVER_LIMIT_MS = MAX_EXECUTION_TIME_SECONDS * 1000;

/** Times one question on both sides: `runs` alternating runs after one warm-up each. */
export async function measureQuestion(
  store: ChdbEventStore,
  rollups: WebRollupStore,
  question: Question,
  baseline: Baseline | undefined,
  runs: number,
): Promise<Outcome> {
  const askWarren = async () => warrenAnswer(question.name, await runWarren(store, rollups, question));
  const askBaseline = async () => {
    if (!baseline) throw new HogQLError('unsupported', 'no baseline written yet');
    return baseline.answer(await store.query(baseline.sql, baseline.params, { timeoutMs: STATEMENT_TIMEOUT_MS }));
  };
  const { warren, baseline: base } = await measureAlternating(askWarren, askBaseline, runs);
  const outcome: Outcome = { question, warren, baseline: base };
  if (warren.kind === 'measured' && base.kind === 'measured') outcome.difference = firstDifference(warren.answer, base.answer);
  return outcome;
}

/**
 * Warren's compiled plan for a question (throws HogQLError 'unsupported' for a kind it does not know yet), with the
 * web rollups' standing days read first, as the server reads them for a web query.
 */
export async function planWarren(question: Question, rollups: WebRollupStore): Promise<InsightPlan> {
  const kind = insightKind(question.query.kind);
  if (!kind) throw new HogQLError('unsupported', `${question.query.kind} is not an insight kind yet`);
  return kind.plan(question.query as never, { ...CONTEXT, webRollupDays: await rollups.standingDays(CONTEXT.teamId) });
}

/**
 * Warren's `results` for a question, as the server computes them, except that the server's query time limit is
 * lifted (the report says when a run went past it).
 */
async function runWarren(store: ChdbEventStore, rollups: WebRollupStore, question: Question): Promise<unknown> {
  const plan = await planWarren(question, rollups);
  const results: StatementResult[] = [];
  for (const statement of plan.statements) {
    const sql = statement.sql.replace(`max_execution_time=${MAX_EXECUTION_TIME_SECONDS}`, `max_execution_time=${LIFTED_LIMIT_SECONDS}`);
    results.push(await store.query(sql, statement.params, { timeoutMs: STATEMENT_TIMEOUT_MS }));
  }
  return plan.shape(results);
}
