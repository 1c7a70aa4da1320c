import { AsyncQueries, type BackgroundRun, type QueryStatus } from './async-queries.js';
import { isStale, type Freshness } from './cache-freshness.js';
import { ConcurrencyLimiter } from './concurrency-limiter.js';
import type { ExecutionMode } from './execution-mode.js';
import { QueryCache } from './query-cache.js';
import { toQueryError } from './query-errors.js';
import { cacheFields } from './response-fields.js';

/** One query, ready to be answered from the cache or computed. */
export interface QueryJob {
  teamId: number;
  timezone: string;
  cacheKey: string;
  freshness: Freshness;
  /** Insight kinds get PostHog's longer client refresh interval. */
  insight: boolean;
  /** Computes the response (without the cache fields); must honour `signal` between its statements. */
  calculate(signal: AbortSignal): Promise<Calculation>;
}

export interface Calculation {
  response: Record<string, unknown>;
  /** The resolved date range, when the query has one (staleness and refresh intervals depend on it). */
  dateFrom: Date | null;
  dateTo: Date | null;
}

export interface ExecuteResult {
  /** 202 while the answer is still being computed in the background. */
  status: 200 | 202;
  body: Record<string, unknown>;
}

export interface QueryExecutorDeps {
  cache?: QueryCache;
  limiter?: ConcurrencyLimiter;
  asyncQueries?: AsyncQueries;
  now?: () => Date;
  /** How long background work waits for a slot (a request waits the limiter's shorter time). */
  backgroundWaitMs?: number;
}

const DAY_MS = 86_400_000;

/**
 * Answers queries as PostHog's query runner does (rest-api.md 2.2): from the cache while fresh, computed in the
 * request or in the background as the execution mode says, never more than the project's concurrency allows.
 */
export class QueryExecutor {
  readonly cache: QueryCache;
  readonly limiter: ConcurrencyLimiter;
  readonly asyncQueries: AsyncQueries;
  private readonly now: () => Date;
  private readonly backgroundWaitMs: number;

  constructor(deps: QueryExecutorDeps = {}) {
    this.now = deps.now ?? (() => new Date());
    this.cache = deps.cache ?? new QueryCache();
    this.limiter = deps.limiter ?? new ConcurrencyLimiter();
    this.asyncQueries = deps.asyncQueries ?? new AsyncQueries(undefined, this.now);
    this.backgroundWaitMs = deps.backgroundWaitMs ?? 60_000;
  }

  async execute(job: QueryJob, mode: ExecutionMode, queryId: string): Promise<ExecuteResult> {
    if (mode === 'force_async') return answer({ query_status: this.enqueue(job, queryId) });
    if (mode === 'force_blocking') return answer(await this.compute(job));

    const cached = this.cache.get(job.cacheKey);
    const now = this.now();
    if (!cached) {
      if (mode === 'async' || mode === 'lazy_async') return answer({ cache_key: job.cacheKey, query_status: this.enqueue(job, queryId) });
      return answer(await this.compute(job));
    }
    const hit = (status: QueryStatus | null) => answer({ ...JSON.parse(cached.json), is_cached: true, query_status: status });
    if (!isStale(cached, now)) return hit(this.refreshing(job));
    switch (mode) {
      case 'blocking':
        return answer(await this.compute(job));
      case 'async':
      case 'async_except_on_cache_miss':
        return hit(this.enqueue(job, queryId));
      case 'lazy_async':
        return hit(isStale(cached, now, true) ? this.enqueue(job, queryId) : this.refreshing(job));
    }
  }

  /** The cached answer of a job, fresh or stale, without computing (PostHog's `force_cache`); null when not cached. */
  cachedAnswer(job: QueryJob): Record<string, unknown> | null {
    const cached = this.cache.get(job.cacheKey);
    return cached ? { ...JSON.parse(cached.json), is_cached: true, query_status: this.refreshing(job) } : null;
  }

  /** Computes in the request, under the project's concurrency limit, and caches the answer. */
  private async compute(job: QueryJob, background?: BackgroundRun): Promise<Record<string, unknown>> {
    const signal = background?.signal ?? new AbortController().signal;
    try {
      const calculation = await this.limiter.run(
        job.teamId,
        () => {
          background?.pickedUp();
          signal.throwIfAborted();
          return job.calculate(signal);
        },
        background ? { background: true, maxWaitMs: this.backgroundWaitMs } : {},
      );
      const lastRefresh = this.now();
      const { dateFrom, dateTo } = calculation;
      const rangeDays = dateFrom && dateTo ? Math.ceil((dateTo.getTime() - dateFrom.getTime()) / DAY_MS) : null;
      const body = {
        ...calculation.response,
        ...cacheFields({ cacheKey: job.cacheKey, timezone: job.timezone, freshness: job.freshness, lastRefresh, rangeDays, insight: job.insight }),
      };
      if (!signal.aborted) {
        const json = JSON.stringify(body);
        this.cache.set(job.cacheKey, { json, bytes: Buffer.byteLength(json), freshness: job.freshness, lastRefresh, dateTo });
      }
      return body;
    } catch (error) {
      throw toQueryError(error);
    }
  }

  private enqueue(job: QueryJob, queryId: string): QueryStatus {
    return this.asyncQueries.start(job.teamId, queryId, job.cacheKey, (run) => this.compute(job, run));
  }

  /** The status of a background refresh of this query that is still running, if any. */
  private refreshing(job: QueryJob): QueryStatus | null {
    return this.asyncQueries.runningFor(job.teamId, job.cacheKey) ?? null;
  }
}

function answer(body: Record<string, unknown>): ExecuteResult {
  const status = body.query_status as QueryStatus | null | undefined;
  return { status: status && !status.complete ? 202 : 200, body };
}
