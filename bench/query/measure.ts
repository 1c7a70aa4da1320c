/**
 * Asks each question of Warren (its compiler's plan, the plan's statements on the store, then `shape`) and of the
 * hand-written baseline on the same store, one warm-up each, then alternately, and keeps the median times.
 */
import type { ChdbEventStore } from '../../apps/server/src/storage/chdb-event-store.js';
import { HogQLError } from '@warren/query/hogql/hogql-error';
import { measureAlternating, median, type Side as AlternatingSide } from '../shared/alternating-runs.js';
import { insightKind } from '@warren/query/insights/insight-kinds';
import type { InsightPlan, StatementResult } from '@warren/query/insights/insight-statement';
import { warrenAnswer, firstDifference, type Answer } from './answers.js';
import type { Baseline } from './baselines.js';
import { CONTEXT, type Question } from './questions.js';

export type Side = AlternatingSide<Answer>;

export interface Outcome {
  question: Question;
  warren: Side;
  baseline: Side;
  /**
   * Median CPU time of this process per timed run (chDB runs in it, so this is the query's CPU on every thread plus
   * compile and shape): other processes slow the wall clock far more than they change this.
   */
  cpuMs?: { warren: number; baseline: number };
  /** Null when both answered the same numbers; undefined when one side has no answer. */
  difference?: string | null;
}

/** Times one question on both sides: `runs` alternating runs after one warm-up each. */
export async function measureQuestion(store: ChdbEventStore, question: Question, baseline: Baseline, runs: number): Promise<Outcome> {
  const cpu: [number[], number[]] = [[], []];
  const askWarren = withCpu(cpu[0], async () => warrenAnswer(question.name, await runWarren(store, question)));
  const askBaseline = withCpu(cpu[1], async () => baseline.answer(await store.query(baseline.sql, baseline.params)));
  const { warren, baseline: base } = await measureAlternating(askWarren, askBaseline, runs);
  const outcome: Outcome = { question, warren, baseline: base };
  // The first call of each side is its warm-up.
  if (cpu[0].length > 1 && cpu[1].length > 1) outcome.cpuMs = { warren: median(cpu[0].slice(1)), baseline: median(cpu[1].slice(1)) };
  if (warren.kind === 'measured' && base.kind === 'measured') outcome.difference = firstDifference(question.name, warren.answer, base.answer);
  return outcome;
}

/** Warren's compiled plan for a question (throws HogQLError 'unsupported' while its compiler is a placeholder). */
export async function planWarren(question: Question): Promise<InsightPlan> {
  const kind = insightKind(question.query.kind);
  if (!kind) throw new HogQLError('unsupported', `${question.query.kind} is not an insight kind`);
  return kind.plan(question.query as never, CONTEXT);
}

/** Warren's `results` for a question, as the server computes them. */
async function runWarren(store: ChdbEventStore, question: Question): Promise<unknown> {
  const plan = await planWarren(question);
  const results: StatementResult[] = [];
  for (const statement of plan.statements) results.push(await store.query(statement.sql, statement.params));
  return plan.shape(results);
}

/** The ask, recording the CPU time of this process for each call in `into`. */
function withCpu<A>(into: number[], ask: () => Promise<A>): () => Promise<A> {
  return async () => {
    const before = process.cpuUsage();
    const answer = await ask();
    const used = process.cpuUsage(before);
    into.push((used.user + used.system) / 1000);
    return answer;
  };
}
