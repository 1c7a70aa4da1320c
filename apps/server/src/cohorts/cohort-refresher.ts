import type { Logger } from 'pino';
import type { CohortCalculator } from './cohort-calculator.js';
import type { CohortRepository } from './cohort-repository.js';
import { PeriodicPass } from '../platform/periodic-pass.js';

/** How many stale cohorts one pass picks up at most; the rest wait for the next pass. */
const PER_PASS = 100;

/**
 * Keeps dynamic cohorts fresh in the background: every `intervalMs`, the cohorts last calculated more than
 * `intervalMs` ago (never-calculated ones first) are recalculated one at a time, so the event store sees one
 * membership query at once.
 */
export class CohortRefresher {
  private readonly passes: PeriodicPass<void>;

  constructor(
    private readonly cohorts: Pick<CohortRepository, 'stale' | 'clearCalculating'>,
    private readonly calculator: Pick<CohortCalculator, 'recalculate'>,
    private readonly intervalMs: number,
    logger: Pick<Logger, 'warn'>,
    private readonly now: () => number = Date.now,
  ) {
    this.passes = new PeriodicPass(() => this.refreshStale(), intervalMs, (error) => logger.warn({ err: String(error) }, 'cohort refresh pass failed'));
  }

  /** Forgets calculations a previous process left unfinished, then starts the timer. */
  async start(): Promise<void> {
    await this.cohorts.clearCalculating();
    this.passes.start();
  }

  /** One pass over the stale cohorts (the timer calls it; tests may too). */
  runOnce(): Promise<void> {
    return this.passes.runOnce();
  }

  /** Stops the timer and waits for the cohort being calculated, if any. */
  stop(): Promise<void> {
    return this.passes.stop();
  }

  private async refreshStale(): Promise<void> {
    const before = new Date(this.now() - this.intervalMs).toISOString();
    for (const { teamId, id } of await this.cohorts.stale(before, PER_PASS)) {
      if (this.passes.stopped) return;
      await this.calculator.recalculate(teamId, id);
    }
  }
}
