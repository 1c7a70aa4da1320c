import type { EventStore } from '../storage/event-store.js';
import type { MetaDb } from '../storage/meta-schema.js';
import type { CohortCalculator } from './cohort-calculator.js';
import { parseCohortCsv } from './cohort-csv.js';
import type { CohortPeopleStore } from './cohort-people-store.js';
import type { CohortRecord, CohortRepository } from './cohort-repository.js';
import { resolveCohortPeople } from './resolve-cohort-people.js';

export interface StaticCohortDeps {
  db: MetaDb;
  store: Pick<EventStore, 'query'>;
  cohorts: CohortRepository;
  people: CohortPeopleStore;
  calculator: Pick<CohortCalculator, 'changed'>;
}

/**
 * The members of static cohorts: a static cohort keeps one membership version for life; uploads and additions
 * append to it and removals delete from it, then the count is taken again and readers are told.
 */
export class StaticCohortMembers {
  constructor(private readonly deps: StaticCohortDeps) {}

  /** Adds the persons a CSV names; returns how many of its identifiers matched no person. */
  async addCsv(cohort: CohortRecord, csv: Buffer | string): Promise<{ unmatched: number }> {
    const resolved = await resolveCohortPeople(this.deps, cohort.teamId, parseCohortCsv(csv));
    await this.add(cohort, resolved.personIds);
    return { unmatched: resolved.unmatched };
  }

  /** Adds persons given by UUID (those that are not persons of the project are skipped). */
  async addPersons(cohort: CohortRecord, personIds: readonly string[]): Promise<void> {
    const resolved = await resolveCohortPeople(this.deps, cohort.teamId, { identifiers: [], personIds: personIds.map((p) => p.toLowerCase()), emails: [] });
    await this.add(cohort, resolved.personIds);
  }

  async remove(cohort: CohortRecord, personId: string): Promise<void> {
    await this.deps.people.remove(cohort.teamId, cohort.id, personId.toLowerCase());
    await this.recount(cohort, cohort.version ?? Date.now());
  }

  /** Gives a new static cohort its (empty) membership, so it reads as calculated with 0 persons. */
  async start(cohort: CohortRecord): Promise<void> {
    await this.recount(cohort, cohort.version ?? Date.now());
  }

  private async add(cohort: CohortRecord, personIds: readonly string[]): Promise<void> {
    const version = cohort.version ?? Date.now();
    await this.deps.people.insert(cohort.teamId, cohort.id, version, personIds);
    await this.recount(cohort, version);
  }

  private async recount(cohort: CohortRecord, version: number): Promise<void> {
    const count = await this.deps.people.count(cohort.teamId, cohort.id, version);
    await this.deps.cohorts.finishCalculation(cohort.teamId, cohort.id, { version, count, at: new Date().toISOString() });
    this.deps.calculator.changed(cohort.teamId, cohort.id);
  }
}
