import { createHash } from 'node:crypto';
import { prepareFlagSet, type PreparedFlagSet } from '@warren/flags/evaluate-flags';
import type { FlagDefinition } from '@warren/flags/flag-definition';
import { buildLocalEvaluationDefinitions, type LocalEvaluationDefinitions } from '@warren/flags/local-evaluation-definitions';
import { NO_FLAG_COHORTS, type FlagCohortSet } from '../cohorts/flag-cohorts.js';
import type { GroupRepository } from '../identity/group-repository.js';
import type { FlagRepository } from './flag-repository.js';
import type { AnswerFragments } from './flags-response.js';
import { toDefinition } from './flag-view.js';

export interface ProjectFlagSet {
  definitions: FlagDefinition[];
  /** Each flag read for evaluation, the dependency index and references: built once per flag set. */
  prepared: PreparedFlagSet;
  /** `metadata` of each flag in a `/flags?v=2` answer, without the payload (which depends on the variant). */
  metadata: Map<string, { id: number; version: number | null; description: string | null }>;
  /** Serialized `/flags?v=2` entries by result, filled as requests meet them (see flagsV2Body). */
  fragments: AnswerFragments;
  /** Keys of the active flags with `ensure_experience_continuity` (their hash key overrides are read per request). */
  continuityKeys: string[];
  /** Group type index -> group type. */
  groupTypeMapping: Record<string, string>;
  local: LocalEvaluationDefinitions;
  /** Inline cohort definitions and the members of precomputed cohorts the flags use. */
  cohorts: FlagCohortSet;
  /** Changes whenever what local evaluation serves changes. */
  etag: string;
  loadedAt: number;
}

/** A project's flags as evaluation reads them, cached until a flag changes (and briefly, for new group types). */
export class ProjectFlags {
  private readonly cache = new Map<number, ProjectFlagSet>();
  /** One load at a time per project: when a set expires under load, the requests arriving meanwhile share it. */
  private readonly loading = new Map<number, { generation: number; promise: Promise<ProjectFlagSet> }>();
  /** Bumped by invalidate(): a load that began before a change is answered to its own callers but never cached. */
  private readonly generations = new Map<number, number>();

  constructor(
    private readonly flags: FlagRepository,
    private readonly groups: GroupRepository,
    private readonly maxAgeMs = 5_000,
    private readonly cohortSource?: { forFlags(teamId: number, flags: readonly FlagDefinition[]): Promise<FlagCohortSet> },
  ) {}

  async forProject(teamId: number): Promise<ProjectFlagSet> {
    const hit = this.fresh(teamId);
    if (hit) return hit;
    const generation = this.generations.get(teamId) ?? 0;
    const pending = this.loading.get(teamId);
    if (pending && pending.generation === generation) return pending.promise;
    const promise = this.load(teamId)
      .then((set) => {
        if ((this.generations.get(teamId) ?? 0) === generation) this.cache.set(teamId, set);
        return set;
      })
      .finally(() => {
        if (this.loading.get(teamId)?.promise === promise) this.loading.delete(teamId);
      });
    this.loading.set(teamId, { generation, promise });
    return promise;
  }

  private async load(teamId: number): Promise<ProjectFlagSet> {
    const definitions = (await this.flags.liveFlags(teamId)).map(toDefinition);
    const groupTypeMapping = Object.fromEntries((await this.groups.mappings(teamId)).map((m) => [String(m.group_type_index), m.group_type]));
    const cohorts = this.cohortSource ? await this.cohortSource.forFlags(teamId, definitions) : NO_FLAG_COHORTS;
    const local = buildLocalEvaluationDefinitions(definitions, groupTypeMapping, cohorts.definitions);
    const etag = `"${createHash('sha1').update(JSON.stringify(local)).digest('hex').slice(0, 20)}"`;
    const metadata = new Map(definitions.map((d) => [d.key, { id: d.id, version: d.version ?? null, description: d.name ?? null }]));
    const continuityKeys = definitions.filter((f) => f.active && f.ensure_experience_continuity).map((f) => f.key);
    const prepared = prepareFlagSet(definitions, cohorts.definitions);
    return { definitions, prepared, metadata, fragments: new WeakMap(), continuityKeys, groupTypeMapping, local, cohorts, etag, loadedAt: Date.now() };
  }

  /** The cached set while it is fresh, without waiting: `/flags` reads it on every request. */
  fresh(teamId: number): ProjectFlagSet | undefined {
    const hit = this.cache.get(teamId);
    return hit && Date.now() - hit.loadedAt < this.maxAgeMs ? hit : undefined;
  }

  /** Call after any flag of the project changed: the next request sees it (the kill switch is immediate). */
  invalidate(teamId: number): void {
    this.cache.delete(teamId);
    this.loading.delete(teamId);
    this.generations.set(teamId, (this.generations.get(teamId) ?? 0) + 1);
  }
}
