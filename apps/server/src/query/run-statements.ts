import type { InsightStatement, StatementResult } from '@warren/query/insights/insight-statement';
import { EventStoreError, type EventStore } from '../storage/event-store.js';

/** Every query gets this long in all, however many statements it runs (rest-api.md 1.7: 10 s per query). */
export const QUERY_TIMEOUT_MS = 10_000;

/**
 * The time left for one query, shared by its statements. Example: const d = new Deadline(10_000); d.remainingMs().
 */
export class Deadline {
  private readonly endsAt: number;

  constructor(
    budgetMs: number = QUERY_TIMEOUT_MS,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.endsAt = now() + budgetMs;
  }

  /** Milliseconds left; throws the store's timeout error once none are. */
  remainingMs(): number {
    const left = Math.floor(this.endsAt - this.now());
    if (left <= 0) throw new EventStoreError('The query ran out of time', 159, 'timeout');
    return left;
  }
}

/**
 * Runs statements one after another within the deadline, stopping between them when the query was cancelled.
 * Example: await runStatements(store, plan.statements, new Deadline(), signal) // [{ columns, rows }, …]
 */
export async function runStatements(
  store: Pick<EventStore, 'query'>,
  statements: readonly InsightStatement[],
  deadline: Deadline,
  signal: AbortSignal,
): Promise<StatementResult[]> {
  const results: StatementResult[] = [];
  for (const statement of statements) {
    signal.throwIfAborted();
    const result = await store.query(statement.sql, statement.params, { timeoutMs: deadline.remainingMs() });
    results.push({ columns: result.columns, rows: result.rows });
  }
  return results;
}
