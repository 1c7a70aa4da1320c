import type { CohortGroup } from '@warren/query/cohorts/cohort-definition';
import { cohortMembershipQuery } from '@warren/query/cohorts/cohort-membership';
import type { ActionDefinition } from '@warren/query/insights/insight-context';
import { insightContext } from '@warren/query/insights/insight-context';
import { compileInsightStatement } from '@warren/query/insights/insight-statement';
import type { Logger } from 'pino';
import type { ProjectRepository } from '../projects/project-repository.js';
import type { EventStore } from '../storage/event-store.js';
import type { CohortPeopleStore } from './cohort-people-store.js';
import type { CohortRepository } from './cohort-repository.js';
import type { ProjectCohorts } from './project-cohorts.js';

export interface CohortCalculatorDeps {
  cohorts: CohortRepository;
  people: CohortPeopleStore;
  store: Pick<EventStore, 'query'>;
  projects: Pick<ProjectRepository, 'findById'>;
  actions: { forProject(teamId: number): Promise<ReadonlyMap<number, ActionDefinition>> };
  projectCohorts: ProjectCohorts;
  /** Called after a cohort's membership changed (flags reload their index). */
  onChange(teamId: number, cohortId: number): void;
  logger: Pick<Logger, 'warn'>;
  now?: () => Date;
}

/**
 * Recalculates dynamic cohorts: the membership query runs on the event store, its persons are written as a new
 * version of `cohort_people`, and only then does the cohort row name that version, so readers switch at once;
 * older versions are dropped afterwards. Requests for a cohort already being calculated wait for one more run.
 */
export class CohortCalculator {
  private readonly running = new Map<string, Promise<void>>();
  private readonly queued = new Map<string, Promise<void>>();

  constructor(private readonly deps: CohortCalculatorDeps) {}

  /** Recalculates one cohort now (static and deleted cohorts are left alone). Never rejects: failures are recorded. */
  recalculate(teamId: number, cohortId: number): Promise<void> {
    const key = `${teamId}:${cohortId}`;
    const waiting = this.queued.get(key);
    if (waiting) return waiting;
    const previous = this.running.get(key) ?? Promise.resolve();
    const next: Promise<void> = previous.then(async () => {
      this.queued.delete(key);
      this.running.set(key, next);
      try {
        await this.calculate(teamId, cohortId);
      } catch (error) {
        // The store itself failed (recording the failure did too): the refresher tries again later.
        this.deps.logger.warn({ teamId, cohortId, err: String(error) }, 'cohort calculation could not run');
      } finally {
        if (this.running.get(key) === next) this.running.delete(key);
      }
    });
    this.queued.set(key, next);
    return next;
  }

  private async calculate(teamId: number, cohortId: number): Promise<void> {
    const cohort = await this.deps.cohorts.get(teamId, cohortId);
    if (!cohort || cohort.deleted || cohort.isStatic || !cohort.filters) return;
    const now = this.deps.now?.() ?? new Date();
    // Strictly newer than the current version, even if clocks step back.
    const version = Math.max(now.getTime(), (cohort.version ?? 0) + 1);
    await this.deps.cohorts.markCalculating(teamId, cohortId, true);
    try {
      const members = await this.members(teamId, cohortId, cohort.filters.properties, now);
      await this.deps.people.insert(teamId, cohortId, version, members);
      await this.deps.cohorts.finishCalculation(teamId, cohortId, { version, count: members.length, at: now.toISOString() });
      this.changed(teamId, cohortId);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.deps.logger.warn({ teamId, cohortId, err: message }, 'cohort calculation failed');
      await this.deps.cohorts.failCalculation(teamId, cohortId, message, now.toISOString());
      this.deps.projectCohorts.invalidate(teamId);
      return;
    }
    // Old versions only cost space: if this fails, the next calculation drops them.
    await this.deps.people.dropOtherVersions(teamId, cohortId, version).catch((error: unknown) => {
      this.deps.logger.warn({ teamId, cohortId, err: String(error) }, 'dropping old cohort versions failed');
    });
  }

  private async members(teamId: number, cohortId: number, definition: CohortGroup, now: Date): Promise<string[]> {
    const project = await this.deps.projects.findById(teamId);
    if (!project) throw new Error(`Project ${teamId} does not exist`);
    const ctx = {
      ...insightContext({ teamId, timezone: project.timezone, now, actions: await this.deps.actions.forProject(teamId) }),
      cohorts: await this.deps.projectCohorts.known(teamId),
    };
    const statement = compileInsightStatement(await cohortMembershipQuery(definition, ctx, cohortId), ctx);
    const { rows } = await this.deps.store.query(statement.sql, statement.params, { timeoutMs: 60_000 });
    return rows.map((r) => String(r[0]));
  }

  /** Tells readers that a cohort's members changed (also after static uploads). */
  changed(teamId: number, cohortId: number): void {
    this.deps.projectCohorts.invalidate(teamId);
    this.deps.onChange(teamId, cohortId);
  }
}
