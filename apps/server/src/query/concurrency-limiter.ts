/** Thrown when a query could not get a slot: the project's queue was full or the wait ran out. */
export class ConcurrencyLimitExceeded extends Error {
  constructor(readonly maxConcurrent: number) {
    super(`Too many queries are running for this project (at most ${maxConcurrent} at once). Try again in a few seconds.`);
    this.name = 'ConcurrencyLimitExceeded';
  }
}

export interface ConcurrencyLimits {
  /** Queries running at once per project. */
  maxConcurrent: number;
  /** Requests waiting for a slot per project; one more is refused at once. */
  maxQueued: number;
  /** How long a request waits for a slot before it is refused. */
  maxWaitMs: number;
}

export const DEFAULT_CONCURRENCY_LIMITS: ConcurrencyLimits = { maxConcurrent: 3, maxQueued: 6, maxWaitMs: 5_000 };

export interface AcquireOptions {
  /** Overrides `maxWaitMs` (background work may wait longer than a request should). */
  maxWaitMs?: number;
  /** Background waiters are bounded by their own registry, so they do not count against `maxQueued`. */
  background?: boolean;
}

interface Waiter {
  background: boolean;
  grant(): void;
  timer: NodeJS.Timeout;
}

interface Lane {
  running: number;
  waiting: Waiter[];
}

/**
 * At most N queries per project at once; the next few wait in a FIFO queue for a limited time, the rest are refused.
 * Example: await limiter.run(project.id, () => store.query(sql)) // throws ConcurrencyLimitExceeded when saturated
 */
export class ConcurrencyLimiter {
  private readonly lanes = new Map<number, Lane>();

  constructor(readonly limits: ConcurrencyLimits = DEFAULT_CONCURRENCY_LIMITS) {}

  async run<T>(key: number, task: () => Promise<T>, options: AcquireOptions = {}): Promise<T> {
    await this.acquire(key, options);
    try {
      return await task();
    } finally {
      this.release(key);
    }
  }

  /** Queries running now for a key (for tests and metrics). */
  running(key: number): number {
    return this.lanes.get(key)?.running ?? 0;
  }

  private acquire(key: number, options: AcquireOptions): Promise<void> {
    const lane = this.lanes.get(key) ?? { running: 0, waiting: [] };
    this.lanes.set(key, lane);
    if (lane.running < this.limits.maxConcurrent && lane.waiting.length === 0) {
      lane.running++;
      return Promise.resolve();
    }
    const background = options.background ?? false;
    const queued = lane.waiting.filter((w) => !w.background).length;
    if (!background && queued >= this.limits.maxQueued) return Promise.reject(new ConcurrencyLimitExceeded(this.limits.maxConcurrent));
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        background,
        grant: () => {
          clearTimeout(waiter.timer);
          resolve();
        },
        timer: setTimeout(() => {
          lane.waiting.splice(lane.waiting.indexOf(waiter), 1);
          this.forget(key, lane);
          reject(new ConcurrencyLimitExceeded(this.limits.maxConcurrent));
        }, options.maxWaitMs ?? this.limits.maxWaitMs),
      };
      lane.waiting.push(waiter);
    });
  }

  private release(key: number): void {
    const lane = this.lanes.get(key);
    if (!lane) return;
    const next = lane.waiting.shift();
    // The slot passes straight to the next waiter, so a newcomer cannot overtake the queue.
    if (next) next.grant();
    else lane.running--;
    this.forget(key, lane);
  }

  private forget(key: number, lane: Lane): void {
    if (lane.running === 0 && lane.waiting.length === 0) this.lanes.delete(key);
  }
}
