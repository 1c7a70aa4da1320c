import type { FastifyInstance } from 'fastify';
import type { ExperimentMetric } from '@warren/query/experiments/experiment-spec';
import type { ExperimentQueryResponseApi } from '@warren/shared/experiment-results-api';
import type { StoredExperimentMetric } from '@warren/shared/experiments-api';
import type { Authenticator } from '../../auth/authenticator.js';
import { notFound, validationError } from '../../platform/app-error.js';
import { registerProjectRoute } from '../../platform/project-route.js';
import type { QueryJobDeps } from '../../query/query-jobs.js';
import { cacheKey } from '../../query/response-fields.js';
import { ExperimentRepository, type ExperimentRecord } from '../experiment-repository.js';
import { SavedMetricRepository } from '../saved-metric-repository.js';
import { experimentQueryJob } from './experiment-query-job.js';
import { timeseriesResultsView } from './timeseries-results-view.js';

/**
 * `GET /experiments/:id/timeseries_results/?metric_uuid=…` (PostHog's endpoint): the cumulative figures of one of the
 * experiment's metrics (primary, secondary or saved) for every day since launch. PostHog reads them from results it
 * precomputed per metric fingerprint; Warren computes them on request as `ExperimentQuery` with
 * `include_timeseries`, so `fingerprint` is accepted and not needed.
 */
export function registerTimeseriesResultsRoute(app: FastifyInstance, authenticator: Authenticator, jobs: QueryJobDeps): void {
  const experiments = new ExperimentRepository(jobs.db);
  const savedMetrics = new SavedMetricRepository(jobs.db);

  registerProjectRoute(app, authenticator, {
    method: 'GET',
    path: '/experiments/:experiment_id/timeseries_results/',
    scope: 'experiment:read',
    handler: async ({ project, request }) => {
      const rawId = (request.params as { experiment_id: string }).experiment_id;
      const experiment = /^\d{1,12}$/.test(rawId) ? await experiments.get(project.id, Number(rawId)) : null;
      if (!experiment) throw notFound();
      const metricUuid = (request.query as Record<string, unknown>).metric_uuid;
      if (typeof metricUuid !== 'string' || metricUuid === '') throw validationError('metric_uuid query parameter is required', 'metric_uuid', 'required');
      if (experiment.startDate === null) throw validationError('Experiment has not been started yet');
      const metric = await metricOf(experiment, metricUuid, project.id, { experiments, savedMetrics });
      const node = { kind: 'ExperimentQuery', experiment_id: experiment.id, metric, include_timeseries: true };
      const job = experimentQueryJob(node, project, jobs, { teamId: project.id, timezone: project.timezone, cacheKey: cacheKey(project, node) });
      const response = (await job.calculate(new AbortController().signal)).response as unknown as ExperimentQueryResponseApi;
      const now = new Date();
      const end = experiment.endDate === null ? null : new Date(experiment.endDate);
      return timeseriesResultsView({
        experimentId: experiment.id,
        metricUuid,
        startDate: new Date(experiment.startDate),
        endDate: end !== null && end < now ? end : null,
        now,
        timezone: project.timezone,
        createdAt: experiment.createdAt,
        updatedAt: experiment.updatedAt,
        statsMethod: response.stats_method,
        points: response.timeseries ?? [],
      });
    },
  });
}

/** The experiment's metric with this uuid: primary, secondary, or a linked saved metric's query. */
async function metricOf(
  experiment: ExperimentRecord,
  uuid: string,
  teamId: number,
  { experiments, savedMetrics }: { experiments: ExperimentRepository; savedMetrics: SavedMetricRepository },
): Promise<ExperimentMetric> {
  const own = [...experiment.metrics, ...experiment.metricsSecondary];
  const links = await experiments.savedMetricLinks(teamId, [experiment.id]);
  const saved = [...(await savedMetrics.getMany(teamId, links.map((l) => l.savedMetricId))).values()].map((m) => m.query);
  const found = [...own, ...saved].find((m: StoredExperimentMetric) => m.uuid === uuid);
  if (!found) throw validationError('The experiment has no metric with this uuid.', 'metric_uuid', 'does_not_exist');
  if (found.kind !== 'ExperimentMetric') throw validationError('Only ExperimentMetric metrics have a cumulative series (legacy trends and funnels metrics do not).', 'metric_uuid');
  return found as unknown as ExperimentMetric;
}
