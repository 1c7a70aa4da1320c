import { ActivityLog, diffFields } from '../platform/activity-log.js';
import { validationError } from '../platform/app-error.js';
import { flagWriteFrom, staleVersion } from '../flags/flag-input.js';
import type { FeatureFlagRecord, FlagRepository } from '../flags/flag-repository.js';
import { toDefinition } from '../flags/flag-view.js';
import type { ProjectFlags } from '../flags/project-flags.js';

export interface ExperimentFlagDeps {
  flags: FlagRepository;
  projectFlags: ProjectFlags;
  activity: ActivityLog;
}

const FLAG_SCOPE = 'FeatureFlag';

/**
 * Writes an experiment's flag the way `/feature_flags/` would (same validation, version check, cache invalidation
 * and activity entry), so a flag changed by an experiment is indistinguishable from one edited by hand.
 */
export class ExperimentFlagWriter {
  constructor(private readonly deps: ExperimentFlagDeps) {}

  async create(teamId: number, flag: { key: string; name: string; filters: Record<string, unknown>; active: boolean }, userId: number | null): Promise<FeatureFlagRecord> {
    const others = (await this.deps.flags.liveFlags(teamId)).map(toDefinition);
    const write = flagWriteFrom({ ...flag }, null, others);
    if (await this.deps.flags.keyTaken(teamId, write.key, null)) throw validationError('There is already a feature flag with this key.', 'feature_flag_key', 'unique');
    const created = await this.deps.flags.create(teamId, write, userId);
    this.deps.projectFlags.invalidate(teamId);
    await this.deps.activity.record({ teamId, scope: FLAG_SCOPE, itemId: String(created.id), activity: 'created', userId, name: created.key, changes: [] });
    return created;
  }

  /** Applies `change` (filters and/or active) to the flag; a no-op change writes nothing. */
  async change(teamId: number, current: FeatureFlagRecord, change: { filters?: Record<string, unknown>; active?: boolean }, userId: number | null): Promise<FeatureFlagRecord> {
    const next = { filters: change.filters ?? current.filters, active: change.active ?? current.active };
    if (JSON.stringify(next.filters) === JSON.stringify(current.filters) && next.active === current.active) return current;
    const others = (await this.deps.flags.liveFlags(teamId)).filter((f) => f.id !== current.id).map(toDefinition);
    const write = flagWriteFrom(next, current, others);
    if (!(await this.deps.flags.update(teamId, current.id, write, current.version, userId))) throw staleVersion();
    this.deps.projectFlags.invalidate(teamId);
    const saved = (await this.deps.flags.get(teamId, current.id))!;
    await this.deps.activity.record({
      teamId,
      scope: FLAG_SCOPE,
      itemId: String(saved.id),
      activity: 'updated',
      userId,
      name: saved.key,
      changes: diffFields(FLAG_SCOPE, { filters: current.filters, active: current.active }, { filters: saved.filters, active: saved.active }),
    });
    return saved;
  }
}
