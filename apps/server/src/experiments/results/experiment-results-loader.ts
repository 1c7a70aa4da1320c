import type { ExperimentDefinition } from '@warren/query/experiments/experiment-spec';
import { FlagRepository } from '../../flags/flag-repository.js';
import { notFound } from '../../platform/app-error.js';
import type { MetaDb } from '../../storage/meta-schema.js';
import { ExperimentRepository } from '../experiment-repository.js';

/** What the results runner reads about an experiment: its definition for the SQL and how to judge it. */
export interface LoadedExperiment {
  definition: ExperimentDefinition;
  method: 'bayesian' | 'frequentist';
  /** Interval level from `stats_config` (Warren: `confidence_level`, 0.9 / 0.95 / 0.99); 0.95 by default. */
  confidenceLevel: number;
  /** The experiment's split by variant key (rollout percentages), for the sample-ratio check. */
  split: Record<string, number>;
  /** CUPED on mean metrics unless `stats_config.cuped` is false (Warren). */
  cuped: boolean;
}

const LEVELS = [0.9, 0.95, 0.99];

/**
 * Reads a live experiment of the project and its flag's variants; an unknown or deleted experiment is a 404.
 * Example: (await loadExperiment(db, 1, 5)).definition.flagKey // 'checkout-button'
 */
export async function loadExperiment(db: MetaDb, teamId: number, experimentId: number): Promise<LoadedExperiment> {
  const experiment = await new ExperimentRepository(db).get(teamId, experimentId);
  if (!experiment) throw notFound();
  const flag = await new FlagRepository(db).get(teamId, experiment.featureFlagId);
  if (!flag) throw notFound();
  const variants = variantsOf(flag.filters, experiment.parameters);
  const holdout = (flag.filters as { holdout?: { id?: unknown } | null }).holdout;
  const holdoutId = experiment.holdoutId ?? (typeof holdout?.id === 'number' ? holdout.id : null);
  const stats = experiment.statsConfig ?? {};
  const level = Number(stats.confidence_level);
  return {
    definition: {
      id: experiment.id,
      flagKey: flag.key,
      variants,
      startDate: instant(experiment.startDate),
      endDate: instant(experiment.endDate),
      exposureCriteria: experiment.exposureCriteria as ExperimentDefinition['exposureCriteria'],
      holdoutId,
    },
    method: stats.method === 'frequentist' ? 'frequentist' : 'bayesian',
    confidenceLevel: LEVELS.includes(level) ? level : 0.95,
    split: Object.fromEntries(variants.map((v) => [v.key, v.rolloutPercentage])),
    cuped: stats.cuped !== false,
  };
}

/** The flag's multivariate variants, else the experiment's `parameters.feature_flag_variants`. */
function variantsOf(filters: Record<string, unknown>, parameters: Record<string, unknown>): ExperimentDefinition['variants'] {
  const fromFlag = (filters.multivariate as { variants?: unknown } | null | undefined)?.variants;
  const list = Array.isArray(fromFlag) && fromFlag.length > 0 ? fromFlag : parameters.feature_flag_variants;
  if (!Array.isArray(list)) return [];
  return list
    .filter((v): v is { key: string; rollout_percentage?: unknown } => typeof v === 'object' && v !== null && typeof (v as { key?: unknown }).key === 'string')
    .map((v) => ({ key: v.key, rolloutPercentage: typeof v.rollout_percentage === 'number' ? v.rollout_percentage : 0 }));
}

function instant(value: string | null): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
