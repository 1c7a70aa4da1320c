import type { ExperimentUserApi } from '@warren/shared/experiments-api';
import type { FlagRepository } from '../flags/flag-repository.js';
import type { MetaDb } from '../storage/meta-schema.js';
import type { ExperimentRecord, ExperimentRepository } from './experiment-repository.js';
import type { ExperimentViewContext } from './experiment-view.js';
import type { HoldoutRepository } from './holdout-repository.js';
import type { SavedMetricRepository } from './saved-metric-repository.js';

export interface ViewContextDeps {
  db: MetaDb;
  experiments: ExperimentRepository;
  holdouts: HoldoutRepository;
  savedMetrics: SavedMetricRepository;
  flags: FlagRepository;
}

/** Everything the views of `experiments` refer to, read in a few batched queries (not one per experiment). */
export async function loadViewContext(deps: ViewContextDeps, teamId: number, experiments: ExperimentRecord[]): Promise<ExperimentViewContext> {
  const links = await deps.experiments.savedMetricLinks(teamId, experiments.map((e) => e.id));
  const holdouts = await deps.holdouts.getMany(teamId, unique(experiments.map((e) => e.holdoutId)));
  const flags = new Map();
  for (const id of unique(experiments.map((e) => e.featureFlagId))) {
    const flag = await deps.flags.get(teamId, id);
    if (flag) flags.set(id, flag);
  }
  return {
    flags,
    holdouts,
    links,
    savedMetrics: await deps.savedMetrics.getMany(teamId, unique(links.map((l) => l.savedMetricId))),
    users: await userSummaries(deps.db, [...experiments.map((e) => e.createdBy), ...[...holdouts.values()].map((h) => h.createdBy)]),
  };
}

/** Users by id in PostHog's basic shape. */
export async function userSummaries(db: MetaDb, ids: (number | null)[]): Promise<Map<number, ExperimentUserApi>> {
  const wanted = unique(ids);
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'uuid', 'distinct_id', 'first_name', 'email']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

function unique(ids: (number | null)[]): number[] {
  return [...new Set(ids.filter((i): i is number => i !== null))];
}
