import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { EXPERIMENT, openExperimentsUniverse } from '@warren/query/experiments/experiments-fixture';
import type { Universe } from '@warren/query/test-support/insight-universe';
import { FlagRepository } from '../../flags/flag-repository.js';
import { metaDialectsForTests } from '../../projects/meta-dialects-for-tests.js';
import type { Project } from '../../projects/project-repository.js';
import { queryJob } from '../../query/query-jobs.js';
import type { MetaDb } from '../../storage/meta-schema.js';
import { ExperimentRepository, type ExperimentFields } from '../experiment-repository.js';

/*
 * ExperimentQuery and the legacy kinds as /query/ runs them: the experiment and its flag read from each meta store,
 * the experiments universe (packages/query experiments-fixture.ts) in chDB. Figures were worked out there.
 */
let u: Universe;
const project = { id: 1, timezone: 'UTC', weekStartDay: 0, testAccountFilters: [{ type: 'person', key: 'email', value: 'internal.dev', operator: 'not_icontains' }] } as Project;

before(async () => {
  u = await openExperimentsUniverse();
});

async function seed(db: MetaDb, extra: Partial<ExperimentFields> = {}): Promise<number> {
  const flag = await new FlagRepository(db).create(
    1,
    {
      key: 'exp-flag', name: 'exp', active: true, deleted: false, ensureExperienceContinuity: false, tags: [], evaluationRuntime: 'all',
      filters: { groups: [{ properties: [], rollout_percentage: 100 }], multivariate: { variants: [{ key: 'control', rollout_percentage: 50 }, { key: 'test', rollout_percentage: 50 }] } },
    },
    null,
  );
  const experiment = await new ExperimentRepository(db).create(1, flag.id, {
    name: 'exp', description: null, holdoutId: 7, startDate: EXPERIMENT.startDate!.toISOString(), endDate: EXPERIMENT.endDate!.toISOString(),
    parameters: {}, filters: {}, metrics: [], metricsSecondary: [], secondaryMetrics: [], statsConfig: { method: 'frequentist' },
    exposureCriteria: { filterTestAccounts: true }, primaryMetricsOrderedUuids: null, secondaryMetricsOrderedUuids: null, type: 'product',
    archived: false, deleted: false, conclusion: null, conclusionComment: null, shippedVariant: null, ...extra,
  }, null);
  return experiment.id;
}

async function run(db: MetaDb, node: Record<string, unknown>): Promise<any> {
  const job = queryJob(node as never, project, { store: u.store, db, actions: { forProject: async () => new Map() } });
  assert.equal(job.freshness, 'always_stale');
  return (await job.calculate(new AbortController().signal)).response;
}

const FUNNEL = { kind: 'ExperimentMetric', metric_type: 'funnel', series: [{ kind: 'EventsNode', event: 'signed_up' }, { kind: 'EventsNode', event: 'purchased' }], conversion_window: 7, conversion_window_unit: 'day' };

for (const [name, open] of metaDialectsForTests()) {
  test(`${name}: ExperimentQuery reads the experiment (dates, test accounts, holdout, method) and its flag's variants`, async () => {
    const db = await open();
    const id = await seed(db);
    const body = await run(db, { kind: 'ExperimentQuery', experiment_id: id, metric: FUNNEL });
    assert.equal(body.kind, 'ExperimentQuery');
    assert.deepEqual([body.baseline.key, body.baseline.number_of_samples, body.baseline.sum, body.baseline.step_counts], ['control', 3, 1, [2, 1]]);
    // The project's test-account filter drops tester.
    const [test] = body.variant_results;
    assert.deepEqual([test.key, test.method, test.number_of_samples, test.sum], ['test', 'frequentist', 3, 2]);
    assert.deepEqual(test.validation_failures, ['not-enough-exposures', 'not-enough-metric-data']);
    assert.equal(test.p_value, null);
    assert.deepEqual([body.holdout.key, body.holdout.number_of_samples], ['holdout-7', 1]);
    assert.equal(body.excluded_multiple_variants, 1);
    assert.deepEqual(body.warnings.map((w: any) => w.code), ['low_exposure', 'multiple_variants_excluded']);
    assert.deepEqual(body.resolved_date_range, { date_from: '2024-05-01T00:00:00.000Z', date_to: '2024-05-10T00:00:00.000Z' });
  });

  test(`${name}: the legacy kinds answer PostHog's envelope from the same exposures`, async () => {
    const db = await open();
    const id = await seed(db);
    const funnels = await run(db, {
      kind: 'ExperimentFunnelsQuery', experiment_id: id,
      funnels_query: { kind: 'FunnelsQuery', series: FUNNEL.series, funnelsFilter: { funnelWindowInterval: 7, funnelWindowIntervalUnit: 'day' } },
    });
    assert.deepEqual(funnels.variants, [{ key: 'control', success_count: 1, failure_count: 2 }, { key: 'test', success_count: 3, failure_count: 1 }]);
    assert.equal(funnels.significance_code, 'not_enough_exposure');
    assert.deepEqual(funnels.insight[1].map((s: any) => s.count), [4, 3]);
    const trends = await run(db, { kind: 'ExperimentTrendsQuery', experiment_id: id, count_query: { kind: 'TrendsQuery', series: [{ kind: 'EventsNode', event: 'purchased' }] } });
    assert.deepEqual(trends.variants.map((v: any) => [v.key, v.count, v.absolute_exposure]), [['control', 2, 3], ['test', 4, 4]]);
    assert.equal(trends.variants[1].exposure, 4 / 3);
    assert.equal(trends.insight[0].count, 2);
  });

  test(`${name}: an unknown experiment is a 404, a missing metric or id a 400`, async () => {
    const db = await open();
    await assert.rejects(run(db, { kind: 'ExperimentQuery', experiment_id: 999, metric: FUNNEL }), (e: any) => e.status === 404);
    await assert.rejects(run(db, { kind: 'ExperimentQuery', metric: FUNNEL }), (e: any) => e.status === 400 && /experiment_id/.test(e.detail));
    const id = await seed(db);
    await assert.rejects(run(db, { kind: 'ExperimentQuery', experiment_id: id }), (e: any) => e.status === 400 && /metric/.test(e.detail));
  });
}
