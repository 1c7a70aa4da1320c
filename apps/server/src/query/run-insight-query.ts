import type { InsightContext } from '@warren/query/insights/insight-context';
import type { InsightKind } from '@warren/query/insights/insight-kinds';
import type { EventStore } from '../storage/event-store.js';
import type { Calculation } from './query-executor.js';
import { computedFields } from './response-fields.js';
import { runStatements, type Deadline } from './run-statements.js';

/**
 * Runs an insight query: its kind plans statements, they run within the deadline, the plan shapes their rows into
 * PostHog's `results`, and the response gets the plan's extra fields and the first statement's HogQL.
 * Example: (await runInsightQuery(trends, query, ctx, store, deadline, signal)).response.results // [{ data: […], … }]
 */
export async function runInsightQuery(
  kind: InsightKind,
  query: object,
  ctx: InsightContext,
  store: Pick<EventStore, 'query'>,
  deadline: Deadline,
  signal: AbortSignal,
): Promise<Calculation> {
  const started = performance.now();
  const plan = await kind.plan(query as never, ctx);
  const rows = await runStatements(store, plan.statements, deadline, signal);
  const results = plan.shape(rows);
  const extra = plan.extra ?? {};
  const range = extra.resolved_date_range as { date_from?: unknown; date_to?: unknown } | undefined;
  return {
    response: { results, ...extra, hogql: plan.statements[0]?.hogql ?? null, ...computedFields(performance.now() - started) },
    dateFrom: instant(range?.date_from),
    dateTo: instant(range?.date_to),
  };
}

function instant(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
