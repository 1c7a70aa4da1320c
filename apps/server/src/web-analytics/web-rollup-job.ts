import type { Logger } from 'pino';
import { PeriodicPass } from '../platform/periodic-pass.js';
import type { WebRollupStore } from './web-rollup-store.js';

/** How often the job looks for days to compute. */
export const WEB_ROLLUP_INTERVAL_MS = 60_000;
/** Days computed per project in one pass at most (newest first); the rest wait for the next pass. */
const DAYS_PER_PASS = 60;

/**
 * Keeps web analytics' daily rollups current in the background: every pass, for each project with sessions, the
 * days that need computing (web-rollup-store.ts daysToCompute) are computed one at a time, newest first, so the
 * event store sees one rollup statement at once. Queries never wait for it: a day not (or no longer) computed is read
 * from its sessions.
 */
export class WebRollupJob {
  private readonly passes: PeriodicPass<number>;
  private readonly now: () => number;
  private readonly present: () => number;

  /**
   * `now` is the clock (versions, quiet days); `present` the moment the data is looked at for which days are over
   * (the clock, except in the web benchmark).
   */
  constructor(
    private readonly rollups: Pick<WebRollupStore, 'projects' | 'daysToCompute' | 'computeDay' | 'pruneOverrideTouches'>,
    /** The project's timezone (its rollups' bands end at its midnights); UTC for a project not found. */
    private readonly timezoneOf: (teamId: number) => Promise<string | null | undefined>,
    logger: Pick<Logger, 'warn'>,
    options: { intervalMs?: number; now?: () => number; present?: () => number } = {},
  ) {
    this.now = options.now ?? Date.now;
    this.present = options.present ?? this.now;
    this.passes = new PeriodicPass(() => this.computeDue(), options.intervalMs ?? WEB_ROLLUP_INTERVAL_MS, (error) =>
      logger.warn({ err: String(error) }, 'web rollup pass failed'),
    );
  }

  start(): void {
    this.passes.start();
  }

  /** One pass (the timer calls it; tests and the bench may too). Resolves with the number of days computed. */
  runOnce(): Promise<number> {
    return this.passes.runOnce();
  }

  /** Stops the timer and waits for the day being computed, if any. */
  stop(): Promise<void> {
    return this.passes.stop();
  }

  private async computeDue(): Promise<number> {
    let computed = 0;
    for (const teamId of await this.rollups.projects()) {
      await this.rollups.pruneOverrideTouches(teamId);
      const due = await this.rollups.daysToCompute(teamId, new Date(this.now()), new Date(this.present()));
      if (due.length === 0) continue;
      const timezone = (await this.timezoneOf(teamId)) ?? 'UTC';
      for (const day of due.slice(0, DAYS_PER_PASS)) {
        if (this.passes.stopped) return computed;
        await this.rollups.computeDay(teamId, day, this.now(), timezone);
        computed++;
      }
    }
    return computed;
  }
}
