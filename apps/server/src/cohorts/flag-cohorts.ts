import { cohortIdOf, isBehavioral, isCohortGroup, leavesOf, type CohortGroup } from '@warren/query/cohorts/cohort-definition';
import type { FlagDefinition, PropertyFilter, PropertyGroup } from '@warren/flags/flag-definition';
import type { CohortPeopleStore } from './cohort-people-store.js';
import type { CohortRecord } from './cohort-repository.js';
import type { ProjectCohorts } from './project-cohorts.js';

/** The cohorts a project's flags read, prepared once per flag set. */
export interface FlagCohortSet {
  /**
   * Person-property cohorts (nested ones too), evaluated inline against the person's properties by `/flags` and,
   * served in local evaluation definitions, by the SDKs: both read the same definition, so they agree.
   */
  definitions: Record<string, PropertyGroup>;
  /** Members (person UUIDs) of the static and behavioural cohorts the flags use, from their last calculation. */
  membership: ReadonlyMap<string, ReadonlySet<string>>;
}

export const NO_FLAG_COHORTS: FlagCohortSet = { definitions: {}, membership: new Map() };

/**
 * Prepares cohorts for flag evaluation. Static and behavioural cohorts cannot be decided from properties: their
 * precomputed members are held in memory (loaded from the event store once per calculation, never per request)
 * and left out of local evaluation, so SDKs ask `/flags` for flags that use them.
 */
export class FlagCohorts {
  private readonly index = new Map<string, { stamp: string; members: ReadonlySet<string> }>();

  constructor(
    private readonly projectCohorts: Pick<ProjectCohorts, 'records'>,
    private readonly people: Pick<CohortPeopleStore, 'members'>,
  ) {}

  async forFlags(teamId: number, flags: readonly FlagDefinition[]): Promise<FlagCohortSet> {
    const records = new Map((await this.projectCohorts.records(teamId)).map((c) => [c.id, c]));
    const inline = inlineCohorts(records);
    const definitions = Object.fromEntries([...inline].map((id) => [String(id), uniform(records.get(id)!.filters!.properties)]));
    const membership = new Map<string, ReadonlySet<string>>();
    for (const id of precomputedCohortsUsed(flags, records, inline)) {
      membership.set(String(id), await this.members(teamId, records.get(id)!));
    }
    return { definitions, membership };
  }

  private async members(teamId: number, cohort: CohortRecord): Promise<ReadonlySet<string>> {
    const key = `${teamId}:${cohort.id}`;
    const stamp = `${cohort.version}:${cohort.lastCalculation}:${cohort.count}`;
    const hit = this.index.get(key);
    if (hit && hit.stamp === stamp) return hit.members;
    const members = new Set(cohort.version === null ? [] : await this.people.members(teamId, cohort.id, cohort.version));
    this.index.set(key, { stamp, members });
    return members;
  }
}

/**
 * The same group where no level mixes groups and filters: posthog-node reads a level as all groups or all filters
 * (by its first entry), so a mixed level's filters are wrapped in one-filter AND groups, which changes nothing.
 */
function uniform(group: CohortGroup): PropertyGroup {
  const mixed = group.values.some(isCohortGroup) && !group.values.every(isCohortGroup);
  const values = group.values.map((entry) => (isCohortGroup(entry) ? uniform(entry) : mixed ? { type: 'AND', values: [entry as PropertyFilter] } : (entry as PropertyFilter)));
  return { type: group.type, values };
}

/** Dynamic cohorts made only of person filters and other such cohorts (a cycle makes none of its cohorts inline). */
function inlineCohorts(records: ReadonlyMap<number, CohortRecord>): Set<number> {
  const verdict = new Map<number, boolean>();
  const visit = (id: number, path: Set<number>): boolean => {
    const known = verdict.get(id);
    if (known !== undefined) return known;
    const cohort = records.get(id);
    if (!cohort || cohort.isStatic || !cohort.filters || path.has(id)) return false;
    path.add(id);
    const ok = leavesOf(cohort.filters.properties).every((leaf) => {
      if (isBehavioral(leaf)) return false;
      return leaf.type !== 'cohort' || visit(cohortIdOf(leaf.value, 'value'), path);
    });
    path.delete(id);
    verdict.set(id, ok);
    return ok;
  };
  for (const id of records.keys()) visit(id, new Set());
  return new Set([...verdict].filter(([, ok]) => ok).map(([id]) => id));
}

/** The non-inline cohorts flag conditions reach, directly or through inline cohorts. */
function precomputedCohortsUsed(flags: readonly FlagDefinition[], records: ReadonlyMap<number, CohortRecord>, inline: Set<number>): Set<number> {
  const used = new Set<number>();
  const seen = new Set<number>();
  const visit = (value: unknown) => {
    const id = Number(value);
    if (!Number.isSafeInteger(id) || seen.has(id) || !records.has(id)) return;
    seen.add(id);
    if (!inline.has(id)) return void used.add(id);
    for (const leaf of leavesOf(records.get(id)!.filters!.properties as CohortGroup)) if (leaf.type === 'cohort') visit(leaf.value);
  };
  for (const flag of flags) {
    const conditions = [...(flag.filters.groups ?? []), ...(flag.filters.super_groups ?? []), ...(flag.filters.holdout_groups ?? [])];
    for (const condition of conditions) for (const filter of (condition.properties ?? []) as PropertyFilter[]) if (filter.type === 'cohort') visit(filter.value);
  }
  return used;
}
