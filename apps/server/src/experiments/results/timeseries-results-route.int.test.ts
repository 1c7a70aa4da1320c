import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import Fastify from 'fastify';
import { EXPERIMENT, openExperimentsUniverse } from '@warren/query/experiments/experiments-fixture';
import type { Universe } from '@warren/query/test-support/insight-universe';
import { Authenticator } from '../../auth/authenticator.js';
import { FlagRepository } from '../../flags/flag-repository.js';
import { installErrorHandler } from '../../platform/error-handler.js';
import { installJsonBodyParser } from '../../platform/json-body-parser.js';
import { bootstrapInstall } from '../../projects/bootstrap-install.js';
import { metaDialectsForTests } from '../../projects/meta-dialects-for-tests.js';
import { ProjectRepository } from '../../projects/project-repository.js';
import { queryJob } from '../../query/query-jobs.js';
import type { MetaDb } from '../../storage/meta-schema.js';
import { ExperimentRepository, type ExperimentFields } from '../experiment-repository.js';
import { SavedMetricRepository } from '../saved-metric-repository.js';
import { registerTimeseriesResultsRoute } from './timeseries-results-route.js';

/*
 * GET /experiments/:id/timeseries_results/ over the experiments universe (packages/query experiments-fixture.ts) in
 * chDB, with the experiment and its flag in each meta store: one key per day, cumulative, its last day agreeing with
 * what POST /query/ answers for the whole experiment.
 */
let u: Universe;
before(async () => {
  u = await openExperimentsUniverse();
});

const FUNNEL = {
  kind: 'ExperimentMetric', uuid: 'funnel-1', metric_type: 'funnel', conversion_window: 7, conversion_window_unit: 'day',
  series: [{ kind: 'EventsNode', event: 'signed_up' }, { kind: 'EventsNode', event: 'purchased' }],
};
const MEAN = { kind: 'ExperimentMetric', uuid: 'mean-1', metric_type: 'mean', source: { kind: 'EventsNode', event: 'purchased', math: 'sum', math_property: 'amount' } };
const LEGACY = { kind: 'ExperimentTrendsQuery', uuid: 'legacy-1', count_query: { kind: 'TrendsQuery', series: [{ kind: 'EventsNode', event: 'purchased' }] } };

async function seed(db: MetaDb, extra: Partial<ExperimentFields> = {}, flagKey = 'exp-flag'): Promise<number> {
  const flag = await new FlagRepository(db).create(
    1,
    {
      key: flagKey, name: 'exp', active: true, deleted: false, ensureExperienceContinuity: false, tags: [], evaluationRuntime: 'all',
      filters: { groups: [{ properties: [], rollout_percentage: 100 }], multivariate: { variants: [{ key: 'control', rollout_percentage: 50 }, { key: 'test', rollout_percentage: 50 }] } },
    },
    null,
  );
  const experiment = await new ExperimentRepository(db).create(1, flag.id, {
    name: 'exp', description: null, holdoutId: null, startDate: EXPERIMENT.startDate!.toISOString(), endDate: EXPERIMENT.endDate!.toISOString(),
    parameters: {}, filters: {}, metrics: [FUNNEL as never], metricsSecondary: [LEGACY as never], secondaryMetrics: [], statsConfig: null,
    exposureCriteria: null, primaryMetricsOrderedUuids: null, secondaryMetricsOrderedUuids: null, type: 'product',
    archived: false, deleted: false, conclusion: null, conclusionComment: null, shippedVariant: null, ...extra,
  }, null);
  return experiment.id;
}

async function timeseriesApp(db: MetaDb) {
  await bootstrapInstall(db, { projectToken: 'phc_first', projectSecretKey: null, personalApiKey: 'phx_owner', email: 'owner@example.com', password: null });
  const app = Fastify();
  installErrorHandler(app);
  installJsonBodyParser(app);
  const jobs = { store: u.store, db, actions: { forProject: async () => new Map() } };
  registerTimeseriesResultsRoute(app, new Authenticator(db, new ProjectRepository(db)), jobs);
  const get = async (url: string) => {
    const res = await app.inject({ method: 'GET', url: `/api/projects/1${url}`, headers: { authorization: 'Bearer phx_owner' } });
    return { status: res.statusCode, body: res.json() };
  };
  const query = async (node: Record<string, unknown>) => {
    const project = (await new ProjectRepository(db).findById(1))!;
    return (await queryJob(node as never, project, jobs).calculate(new AbortController().signal)).response as any;
  };
  return { get, query };
}

for (const [name, open] of metaDialectsForTests()) {
  test(`${name}: timeseries_results lists every day of the experiment, cumulative, the last day as /query/ answers the whole`, async () => {
    const db = await open();
    const { get, query } = await timeseriesApp(db);
    const id = await seed(db);
    const res = await get(`/experiments/${id}/timeseries_results/?metric_uuid=funnel-1&fingerprint=anything`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const { timeseries } = res.body;
    assert.deepEqual([res.body.experiment_id, res.body.metric_uuid, res.body.status], [id, 'funnel-1', 'completed']);
    assert.deepEqual(Object.keys(timeseries), ['2024-05-01', '2024-05-02', '2024-05-03', '2024-05-04', '2024-05-05', '2024-05-06', '2024-05-07', '2024-05-08', '2024-05-09']);
    const controls = Object.values(timeseries).map((day: any) => day.baseline.number_of_samples);
    assert.deepEqual(controls, [...controls].sort((a, b) => a - b), 'exposures only grow');
    assert.ok(controls[0] < controls[controls.length - 1], 'c2 is exposed on May 2');
    const whole = await query({ kind: 'ExperimentQuery', experiment_id: id, metric: FUNNEL });
    const last: any = timeseries['2024-05-09'];
    assert.deepEqual([last.baseline.number_of_samples, last.baseline.sum], [whole.baseline.number_of_samples, whole.baseline.sum]);
    assert.deepEqual(last.variant_results.map((v: any) => [v.key, v.number_of_samples, v.sum]), whole.variant_results.map((v: any) => [v.key, v.number_of_samples, v.sum]));
    assert.equal(last.stats_method, 'bayesian');
  });

  test(`${name}: timeseries_results finds a linked saved metric by its uuid`, async () => {
    const db = await open();
    const { get } = await timeseriesApp(db);
    const saved = await new SavedMetricRepository(db).create(1, { name: 'Revenue', description: null, query: MEAN as never, tags: [] }, null);
    const id = await seed(db);
    await new ExperimentRepository(db).replaceSavedMetricLinks(1, id, [{ id: saved.id, metadata: { type: 'secondary' } }]);
    const res = await get(`/experiments/${id}/timeseries_results/?metric_uuid=mean-1`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.ok(res.body.timeseries['2024-05-09'].baseline.sum > 0, 'purchase amounts after exposure');
  });

  test(`${name}: timeseries_results refuses what PostHog refuses: no metric_uuid, a draft, an unknown metric or experiment`, async () => {
    const db = await open();
    const { get } = await timeseriesApp(db);
    const id = await seed(db);
    const draft = await seed(db, { startDate: null, endDate: null }, 'draft-flag');
    const cases: [string, number, string | null][] = [
      [`/experiments/${id}/timeseries_results/`, 400, 'metric_uuid'],
      [`/experiments/${draft}/timeseries_results/?metric_uuid=funnel-1`, 400, null],
      [`/experiments/${id}/timeseries_results/?metric_uuid=nope`, 400, 'metric_uuid'],
      [`/experiments/${id}/timeseries_results/?metric_uuid=legacy-1`, 400, 'metric_uuid'],
      [`/experiments/999/timeseries_results/?metric_uuid=funnel-1`, 404, null],
    ];
    for (const [url, status, attr] of cases) {
      const res = await get(url);
      assert.deepEqual([res.status, res.body.attr ?? null], [status, attr], url);
    }
  });
}
