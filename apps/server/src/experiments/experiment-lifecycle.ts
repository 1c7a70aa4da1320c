import type { SavedMetricIdApi } from '@warren/shared/experiments-api';
import type { ActivityLog } from '../platform/activity-log.js';
import { diffFields } from '../platform/activity-log.js';
import { notFound, validationError } from '../platform/app-error.js';
import type { FeatureFlagRecord, FlagRepository } from '../flags/flag-repository.js';
import { experimentVariants, flagVariants, newFlagFilters, checkFlagEligible, shippedFilters, withHoldout, withVariants } from './experiment-flag-filters.js';
import type { ExperimentFlagWriter } from './experiment-flag-writer.js';
import { bodyObject, conclusionOf, experimentInputFrom } from './experiment-input.js';
import type { ExperimentFields, ExperimentRecord, ExperimentRepository } from './experiment-repository.js';
import type { HoldoutRecord, HoldoutRepository } from './holdout-repository.js';
import type { SavedMetricRepository } from './saved-metric-repository.js';

export interface ExperimentLifecycleDeps {
  experiments: ExperimentRepository;
  holdouts: HoldoutRepository;
  savedMetrics: SavedMetricRepository;
  flags: FlagRepository;
  flagWriter: ExperimentFlagWriter;
  activity: ActivityLog;
}

export const EXPERIMENT_SCOPE = 'Experiment';

/**
 * The use cases that touch an experiment and its flag together: create (linking or creating the flag), update
 * (launch activates the flag; a draft's variants and holdout follow onto it), ship a variant, duplicate.
 */
export class ExperimentLifecycle {
  constructor(private readonly deps: ExperimentLifecycleDeps) {}

  async create(teamId: number, rawBody: unknown, userId: number | null): Promise<ExperimentRecord> {
    const body = bodyObject(rawBody);
    const { fields, savedMetricIds } = experimentInputFrom(body, null);
    if (typeof body.feature_flag_key !== 'string' || body.feature_flag_key === '') throw validationError('This field is required.', 'feature_flag_key', 'required');
    const holdout = await this.holdoutOf(teamId, fields.holdoutId);
    await this.checkSavedMetrics(teamId, savedMetricIds);
    const existing = await this.deps.flags.getByKey(teamId, body.feature_flag_key);
    const launched = fields.startDate !== null;
    let flag: FeatureFlagRecord;
    if (existing) {
      checkFlagEligible(existing.filters);
      flag = await this.deps.flagWriter.change(teamId, existing, { filters: holdout ? withHoldout(existing.filters, holdout) : undefined, active: launched ? true : undefined }, userId);
      if (!Array.isArray(fields.parameters.feature_flag_variants) || fields.parameters.feature_flag_variants.length === 0) {
        fields.parameters = { ...fields.parameters, feature_flag_variants: flagVariants(existing.filters) };
      }
    } else {
      const variants = experimentVariants(fields.parameters);
      const aggregation = groupTypeIndexOf(fields.parameters);
      const filters = newFlagFilters(variants, aggregation, holdout);
      flag = await this.deps.flagWriter.create(teamId, { key: body.feature_flag_key, name: `Feature Flag for Experiment ${fields.name}`, filters, active: launched }, userId);
      fields.parameters = { ...fields.parameters, feature_flag_variants: variants };
    }
    const experiment = await this.deps.experiments.create(teamId, flag.id, fields, userId);
    if (savedMetricIds) await this.deps.experiments.replaceSavedMetricLinks(teamId, experiment.id, savedMetricIds);
    await this.deps.activity.record({ teamId, scope: EXPERIMENT_SCOPE, itemId: String(experiment.id), activity: 'created', userId, name: experiment.name, changes: [] });
    return experiment;
  }

  async update(teamId: number, current: ExperimentRecord, rawBody: unknown, userId: number | null): Promise<ExperimentRecord> {
    const body = bodyObject(rawBody);
    const flag = await this.flagOf(teamId, current);
    if (body.feature_flag_key !== undefined && body.feature_flag_key !== flag.key) {
      throw validationError("Can't update feature_flag_key on an experiment: it stays linked to its flag.", 'feature_flag_key');
    }
    const { fields, savedMetricIds } = experimentInputFrom(body, current);
    const draft = current.startDate === null;
    const holdoutChanged = fields.holdoutId !== current.holdoutId;
    if (holdoutChanged && !draft) throw validationError("Can't change the holdout of an experiment that has been launched.", 'holdout_id');
    const holdout = await this.holdoutOf(teamId, fields.holdoutId);
    await this.checkSavedMetrics(teamId, savedMetricIds);

    let filters = flag.filters;
    const askedVariants = (body.parameters as { feature_flag_variants?: unknown } | null | undefined)?.feature_flag_variants;
    // Only a draft's split follows its parameters: changing the split of a running experiment would corrupt it.
    if (draft && Array.isArray(askedVariants) && askedVariants.length > 0) {
      const variants = experimentVariants(fields.parameters);
      filters = withVariants(filters, variants, groupTypeIndexOf(fields.parameters));
      fields.parameters = { ...fields.parameters, feature_flag_variants: variants };
    }
    if (holdoutChanged) filters = withHoldout(filters, holdout);
    const launching = draft && fields.startDate !== null;
    await this.deps.flagWriter.change(teamId, flag, { filters, active: launching ? true : undefined }, userId);

    await this.deps.experiments.update(teamId, current.id, fields);
    if (savedMetricIds) await this.deps.experiments.replaceSavedMetricLinks(teamId, current.id, savedMetricIds);
    await this.record(teamId, current, fields, userId);
    return (await this.deps.experiments.get(teamId, current.id)) ?? { ...current, ...fields };
  }

  /** PostHog's `ship_variant`: the flag serves `variant_key` to everyone; a running experiment ends. */
  async shipVariant(teamId: number, current: ExperimentRecord, rawBody: unknown, userId: number | null): Promise<ExperimentRecord> {
    const body = bodyObject(rawBody);
    if (typeof body.variant_key !== 'string' || body.variant_key === '') throw validationError('This field is required.', 'variant_key', 'required');
    if (current.startDate === null) throw validationError('Experiment has not been launched yet.', null);
    const flag = await this.flagOf(teamId, current);
    if (!flagVariants(flag.filters).some((v) => v.key === body.variant_key)) throw validationError(`Variant '${body.variant_key}' not found on feature flag.`, 'variant_key');
    if (body.release_to_everyone !== undefined && typeof body.release_to_everyone !== 'boolean') throw validationError('Must be a valid boolean.', 'release_to_everyone');
    const conclusion = body.conclusion === undefined ? current.conclusion : conclusionOf(body.conclusion);
    if (body.conclusion_comment !== undefined && body.conclusion_comment !== null && typeof body.conclusion_comment !== 'string') throw validationError('Not a valid string.', 'conclusion_comment');
    await this.deps.flagWriter.change(teamId, flag, { filters: shippedFilters(flag.filters, body.variant_key, body.release_to_everyone === true), active: true }, userId);
    const fields: ExperimentFields = {
      ...current,
      endDate: current.endDate ?? new Date().toISOString(),
      conclusion,
      conclusionComment: body.conclusion_comment === undefined ? current.conclusionComment : (body.conclusion_comment as string | null),
      shippedVariant: body.variant_key,
    };
    return this.save(teamId, current, fields, userId);
  }

  /** Writes `fields` over the experiment with an activity entry of what changed; answers the saved experiment. */
  async save(teamId: number, current: ExperimentRecord, fields: ExperimentFields, userId: number | null): Promise<ExperimentRecord> {
    await this.deps.experiments.update(teamId, current.id, fields);
    await this.record(teamId, current, fields, userId);
    return (await this.deps.experiments.get(teamId, current.id))!;
  }

  /** A draft copy named "<name> (Copy)" on the same flag, or on `feature_flag_key` (created if it does not exist). */
  async duplicate(teamId: number, source: ExperimentRecord, rawBody: unknown, userId: number | null): Promise<ExperimentRecord> {
    const body = bodyObject(rawBody);
    const flag = await this.flagOf(teamId, source);
    const links = await this.deps.experiments.savedMetricLinks(teamId, [source.id]);
    return this.create(
      teamId,
      {
        name: typeof body.name === 'string' && body.name !== '' ? body.name : `${source.name} (Copy)`,
        description: source.description,
        feature_flag_key: body.feature_flag_key ?? flag.key,
        holdout_id: source.holdoutId,
        parameters: source.parameters,
        filters: source.filters,
        metrics: source.metrics,
        metrics_secondary: source.metricsSecondary,
        secondary_metrics: source.secondaryMetrics,
        stats_config: source.statsConfig,
        exposure_criteria: source.exposureCriteria,
        primary_metrics_ordered_uuids: source.primaryMetricsOrderedUuids,
        secondary_metrics_ordered_uuids: source.secondaryMetricsOrderedUuids,
        type: source.type,
        saved_metrics_ids: links.map((l) => ({ id: l.savedMetricId, metadata: l.metadata })),
      },
      userId,
    );
  }

  /** A holdout's share changed: every draft or running experiment on it carries the new share on its flag. */
  async holdoutChanged(teamId: number, holdout: HoldoutRecord, userId: number | null): Promise<void> {
    for (const experiment of await this.deps.experiments.usingHoldout(teamId, holdout.id)) {
      if (experiment.shippedVariant !== null) continue;
      const flag = await this.deps.flags.get(teamId, experiment.featureFlagId);
      if (flag && !flag.deleted) await this.deps.flagWriter.change(teamId, flag, { filters: withHoldout(flag.filters, holdout) }, userId);
    }
  }

  /** A holdout is going away: its experiments' flags stop holding anyone out. */
  async holdoutDeleted(teamId: number, holdoutId: number, userId: number | null): Promise<void> {
    for (const experiment of await this.deps.experiments.usingHoldout(teamId, holdoutId)) {
      const flag = await this.deps.flags.get(teamId, experiment.featureFlagId);
      const held = (flag?.filters.holdout as { id?: number } | null | undefined)?.id === holdoutId;
      if (flag && !flag.deleted && held) await this.deps.flagWriter.change(teamId, flag, { filters: withHoldout(flag.filters, null) }, userId);
    }
    await this.deps.experiments.dropHoldout(teamId, holdoutId);
  }

  async flagOf(teamId: number, experiment: ExperimentRecord): Promise<FeatureFlagRecord> {
    const flag = await this.deps.flags.get(teamId, experiment.featureFlagId);
    if (!flag) throw notFound('The experiment’s feature flag no longer exists.');
    return flag;
  }

  private async holdoutOf(teamId: number, id: number | null): Promise<HoldoutRecord | null> {
    if (id === null) return null;
    const holdout = await this.deps.holdouts.get(teamId, id);
    if (!holdout) throw validationError(`Invalid pk "${id}" - object does not exist.`, 'holdout_id', 'does_not_exist');
    return holdout;
  }

  private async checkSavedMetrics(teamId: number, links: SavedMetricIdApi[] | undefined): Promise<void> {
    if (!links || links.length === 0) return;
    const found = await this.deps.savedMetrics.getMany(teamId, links.map((l) => l.id));
    if (found.size !== links.length) throw validationError('Saved metric does not exist.', 'saved_metrics_ids');
  }

  private async record(teamId: number, before: ExperimentRecord, after: ExperimentFields, userId: number | null): Promise<void> {
    const pick = (e: ExperimentFields) => ({
      name: e.name, description: e.description, start_date: e.startDate, end_date: e.endDate, holdout_id: e.holdoutId, parameters: e.parameters,
      metrics: e.metrics, metrics_secondary: e.metricsSecondary, stats_config: e.statsConfig, exposure_criteria: e.exposureCriteria,
      archived: e.archived, deleted: e.deleted, conclusion: e.conclusion, conclusion_comment: e.conclusionComment, shipped_variant: e.shippedVariant,
    });
    const changes = diffFields(EXPERIMENT_SCOPE, pick(before), pick(after));
    await this.deps.activity.record({ teamId, scope: EXPERIMENT_SCOPE, itemId: String(before.id), activity: after.deleted && !before.deleted ? 'deleted' : 'updated', userId, name: after.name, changes });
  }
}

function groupTypeIndexOf(parameters: Record<string, unknown>): number | null {
  const index = parameters.aggregation_group_type_index;
  if (index === undefined || index === null) return null;
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index > 4) throw validationError('aggregation_group_type_index must be a group type index (0–4).', 'parameters');
  return index;
}
