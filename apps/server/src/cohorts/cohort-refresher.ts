import type { Logger } from 'pino';
import type { CohortCalculator } from './cohort-calculator.js';
import type { CohortRepository } from './cohort-repository.js';

/** How many stale cohorts one pass picks up at most; the rest wait for the next pass. */
const PER_PASS = 100;

/**
 * Keeps dynamic cohorts fresh in the background: every `intervalMs`, the cohorts last calculated more than
 * `intervalMs` ago (never-calculated ones first) are recalculated one at a time, so the event store sees one
 * membership query at once.
 */
export class CohortRefresher {
  private timer: NodeJS.Timeout | null = null;
  private pass: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly cohorts: Pick<CohortRepository, 'stale' | 'clearCalculating'>,
    private readonly calculator: Pick<CohortCalculator, 'recalculate'>,
    private readonly intervalMs: number,
    private readonly logger: Pick<Logger, 'warn'>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Forgets calculations a previous process left unfinished, then starts the timer. */
  async start(): Promise<void> {
    await this.cohorts.clearCalculating();
    this.schedule();
  }

  /** One pass over the stale cohorts (the timer calls it; tests may too). */
  runOnce(): Promise<void> {
    this.pass ??= this.refreshStale().finally(() => {
      this.pass = null;
    });
    return this.pass;
  }

  /** Stops the timer and waits for the cohort being calculated, if any. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.pass;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.runOnce()
        .catch((error: unknown) => this.logger.warn({ err: String(error) }, 'cohort refresh pass failed'))
        .finally(() => this.schedule());
    }, this.intervalMs);
    this.timer.unref();
  }

  private async refreshStale(): Promise<void> {
    const before = new Date(this.now() - this.intervalMs).toISOString();
    for (const { teamId, id } of await this.cohorts.stale(before, PER_PASS)) {
      if (this.stopped) return;
      await this.calculator.recalculate(teamId, id);
    }
  }
}
