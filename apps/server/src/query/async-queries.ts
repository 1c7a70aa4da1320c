import { AppError } from '../platform/app-error.js';

/** PostHog's `QueryStatus` (rest-api.md 2.3). */
export interface QueryStatus {
  id: string;
  query_async: true;
  team_id: number;
  insight_id: null;
  dashboard_id: null;
  complete: boolean;
  error: boolean;
  error_message: string | null;
  /** The full response once complete. */
  results: unknown;
  start_time: string;
  pickup_time: string | null;
  end_time: string | null;
  expiration_time: string;
  task_id: string;
  labels: null;
  query_progress: { bytes_read: number; rows_read: number; estimated_rows_total: number; time_elapsed: number; active_cpu_time: number } | null;
}

export interface AsyncQueryLimits {
  /** Statuses kept at once (running and finished, all projects). */
  maxEntries: number;
  /** How long a status stays readable after the query started. */
  ttlMs: number;
}

export const DEFAULT_ASYNC_LIMITS: AsyncQueryLimits = { maxEntries: 1_000, ttlMs: 10 * 60_000 };

/** What a background computation gets: a cancellation signal and a way to report that it got a slot. */
export interface BackgroundRun {
  signal: AbortSignal;
  pickedUp(): void;
}

/** One background computation, shared by every async query of the same project and cache key started meanwhile. */
interface Computation {
  key: string;
  controller: AbortController;
  /** Ids still waiting for it; when the last one is cancelled, the computation is aborted. */
  waiting: Set<Entry>;
  pickupTime: string | null;
}

interface Entry {
  status: QueryStatus;
  computation: Computation;
  expiresAt: number;
}

/**
 * The async queries of every project: started in the background, polled by id, cancellable. Bounded in count and
 * expiring, so a client that never polls costs nothing for long.
 */
export class AsyncQueries {
  private readonly entries = new Map<string, Entry>();
  /** Computations still running, by project and cache key. */
  private readonly running = new Map<string, Computation>();

  constructor(
    private readonly limits: AsyncQueryLimits = DEFAULT_ASYNC_LIMITS,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Starts `run` in the background under `id` and returns its status; `run` resolves to the full response. The same
   * id still running answers its status; another id for a query of the same cache key still running waits for that
   * computation instead of starting a second one.
   */
  start(teamId: number, id: string, cacheKey: string, run: (ctx: BackgroundRun) => Promise<unknown>): QueryStatus {
    this.sweep();
    const existing = this.entries.get(keyOf(teamId, id));
    if (existing && !existing.status.complete) return existing.status;
    this.makeRoom();
    const started = this.now();
    const computation = this.running.get(keyOf(teamId, cacheKey)) ?? this.compute(keyOf(teamId, cacheKey), run);
    const entry: Entry = { status: newStatus(teamId, id, started, this.limits.ttlMs), computation, expiresAt: started.getTime() + this.limits.ttlMs };
    entry.status.pickup_time = computation.pickupTime;
    computation.waiting.add(entry);
    this.entries.set(keyOf(teamId, id), entry);
    return entry.status;
  }

  get(teamId: number, id: string): QueryStatus | undefined {
    this.sweep();
    return this.entries.get(keyOf(teamId, id))?.status;
  }

  /** Stops waiting for a query and forgets it, as PostHog's cancel does. Returns the message to answer with. */
  cancel(teamId: number, id: string): string {
    const entry = this.entries.get(keyOf(teamId, id));
    if (entry?.status.complete) return 'Query already complete';
    if (entry) this.forget(keyOf(teamId, id), entry);
    return 'Query cancelled';
  }

  /** The status of a query of this cache key still running for the project, if any. */
  runningFor(teamId: number, cacheKey: string): QueryStatus | undefined {
    this.sweep();
    const computation = this.running.get(keyOf(teamId, cacheKey));
    return computation ? [...computation.waiting][0]?.status : undefined;
  }

  get size(): number {
    return this.entries.size;
  }

  private compute(key: string, run: (ctx: BackgroundRun) => Promise<unknown>): Computation {
    const computation: Computation = { key, controller: new AbortController(), waiting: new Set(), pickupTime: null };
    this.running.set(key, computation);
    const pickedUp = () => {
      computation.pickupTime = this.now().toISOString();
      for (const entry of computation.waiting) entry.status.pickup_time = computation.pickupTime;
    };
    const finish = (patch: Partial<QueryStatus>) => {
      if (this.running.get(key) === computation) this.running.delete(key);
      // A cancelled query's entry is gone; its late result goes nowhere.
      for (const entry of computation.waiting) Object.assign(entry.status, { complete: true, end_time: this.now().toISOString(), ...patch });
      computation.waiting.clear();
    };
    Promise.resolve()
      .then(() => run({ signal: computation.controller.signal, pickedUp }))
      .then(
        (results) => finish({ results }),
        (error: unknown) => finish({ error: true, error_message: userMessage(error) }),
      );
    return computation;
  }

  private sweep(): void {
    const now = this.now().getTime();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.forget(key, entry);
  }

  /** Drops the oldest finished status when full; when every slot runs a query, a new one is refused. */
  private makeRoom(): void {
    if (this.entries.size < this.limits.maxEntries) return;
    for (const [key, entry] of this.entries) {
      if (entry.status.complete) {
        this.entries.delete(key);
        return;
      }
    }
    throw new AppError(429, 'throttled_error', 'throttled', 'Too many queries are running in the background. Try again in a few seconds.');
  }

  /** Drops an entry; a computation nobody waits for any more is aborted. */
  private forget(key: string, entry: Entry): void {
    this.entries.delete(key);
    const { computation } = entry;
    if (!computation.waiting.delete(entry)) return;
    if (computation.waiting.size > 0) return;
    computation.controller.abort();
    // A new query of the same key must not join an aborted computation.
    if (this.running.get(computation.key) === computation) this.running.delete(computation.key);
  }
}

function keyOf(teamId: number, id: string): string {
  return `${teamId}:${id}`;
}

function newStatus(teamId: number, id: string, started: Date, ttlMs: number): QueryStatus {
  return {
    id,
    query_async: true,
    team_id: teamId,
    insight_id: null,
    dashboard_id: null,
    complete: false,
    error: false,
    error_message: null,
    results: null,
    start_time: started.toISOString(),
    pickup_time: null,
    end_time: null,
    expiration_time: new Date(started.getTime() + ttlMs).toISOString(),
    task_id: id,
    labels: null,
    query_progress: null,
  };
}

/** Errors a user can act on keep their message (the poll answers 400); anything else is an internal failure (500). */
function userMessage(error: unknown): string | null {
  return error instanceof AppError && error.status !== 500 ? error.detail : null;
}
