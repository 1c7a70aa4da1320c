import type { CohortRef } from '@warren/query/cohorts/cohort-condition';
import type { KnownCohort } from '@warren/query/cohorts/cohort-membership';
import type { CohortRecord, CohortRepository } from './cohort-repository.js';

const TTL_MS = 10_000;
const MAX_PROJECTS = 1_000;

interface Entry {
  at: number;
  records: readonly CohortRecord[];
  known: ReadonlyMap<number, KnownCohort>;
}

/**
 * The live cohorts of each project as queries, flags and calculations read them, cached briefly (a burst of
 * dashboard queries or `/flags` requests reads the table once) and dropped on every write and calculation.
 */
export class ProjectCohorts {
  private readonly cache = new Map<number, Entry>();

  constructor(
    private readonly repository: Pick<CohortRepository, 'live'>,
    private readonly now: () => number = Date.now,
  ) {}

  async records(teamId: number): Promise<readonly CohortRecord[]> {
    return (await this.entry(teamId)).records;
  }

  /** Cohort id → definition and current membership version, for membership calculation and insight filters. */
  async known(teamId: number): Promise<ReadonlyMap<number, KnownCohort>> {
    return (await this.entry(teamId)).known;
  }

  /** The same, as the insight context takes it. */
  async forProject(teamId: number): Promise<ReadonlyMap<number, CohortRef>> {
    return (await this.entry(teamId)).known;
  }

  invalidate(teamId: number): void {
    this.cache.delete(teamId);
  }

  private async entry(teamId: number): Promise<Entry> {
    const hit = this.cache.get(teamId);
    if (hit && this.now() - hit.at < TTL_MS) return hit;
    const records = await this.repository.live(teamId);
    const known = new Map<number, KnownCohort>(records.map((c) => [c.id, knownCohort(c)]));
    if (this.cache.size >= MAX_PROJECTS) this.cache.clear();
    const entry = { at: this.now(), records, known };
    this.cache.set(teamId, entry);
    return entry;
  }
}

/**
 * A stored cohort as membership calculation sees it. Example: knownCohort(record).definition // { type: 'OR', … }
 */
export function knownCohort(c: CohortRecord): KnownCohort {
  return { id: c.id, version: c.version, isStatic: c.isStatic, definition: c.isStatic ? null : (c.filters?.properties ?? null) };
}
