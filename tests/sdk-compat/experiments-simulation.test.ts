import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import mt19937 from '@stdlib/random-base-mt19937';
import type { PostHog } from 'posthog-node';
import { api, eventually, hogql } from '../support/api-client.js';
import { localEvaluationClient } from '../support/posthog-node-client.js';
import { spawnWarren, type WarrenProcess } from '../support/spawn-warren.js';

/*
 * Simulated experiments with the real posthog-node against a real Warren: the SDK evaluates the experiment's flag
 * locally (so assignment is Warren's flag, bucketed as PostHog buckets) and sends `$feature_flag_called`; converting
 * users then send `purchased`. Conversion rates are known (control 10 %, test 13 %: a relative lift of 0.3), so the
 * results must find it with either method and their intervals must cover it. Seeded: the same users convert every run.
 */

const USERS = 10_000;
const RATES: Record<string, number> = { control: 0.1, test: 0.13 };
const TRUE_LIFT = RATES.test / RATES.control - 1;

let warren: WarrenProcess;
let client: PostHog;

before(async () => {
  warren = await spawnWarren();
  client = localEvaluationClient(warren, { flushAt: 200, flushInterval: 200, maxBatchSize: 200 });
});

after(async () => {
  await client?.shutdown();
  await warren?.stop();
});

async function createExperiment(key: string, extra: Record<string, unknown> = {}): Promise<number> {
  const created = await api(warren, 'POST', '/api/projects/1/experiments/', { name: key, feature_flag_key: key, stats_config: { method: 'bayesian' }, ...extra });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const launched = await api(warren, 'PATCH', `/api/projects/1/experiments/${created.body.id}/`, { start_date: new Date(Date.now() - 60_000).toISOString() });
  assert.equal(launched.status, 200, JSON.stringify(launched.body));
  return created.body.id;
}

async function results(experimentId: number, metric: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<any> {
  const res = await api(warren, 'POST', '/api/projects/1/query/', { query: { kind: 'ExperimentQuery', experiment_id: experimentId, metric, ...extra } });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
}

async function storedCount(where: string): Promise<number> {
  return Number((await hogql(warren, `select count() from events where ${where}`)).results[0][0]);
}

const PURCHASE_FUNNEL = { kind: 'ExperimentMetric', metric_type: 'funnel', series: [{ kind: 'EventsNode', event: 'purchased' }] };

test('a known lift (10 % → 13 %, 10,000 users) is significant by both methods, with intervals covering it', async (t) => {
  const id = await createExperiment('checkout-sim');
  await client.reloadFeatureFlags();
  const random = mt19937.factory({ seed: 20_240_501 });
  const converters: string[] = [];
  const assigned: Record<string, number> = {};
  for (let i = 0; i < USERS; i++) {
    const user = `sim-user-${i}`;
    const variant = await client.getFeatureFlag('checkout-sim', user, { onlyEvaluateLocally: true });
    assert.equal(typeof variant, 'string', `${user} gets a variant`);
    assigned[variant as string] = (assigned[variant as string] ?? 0) + 1;
    if (random() / 4_294_967_296 < RATES[variant as string]) converters.push(user);
  }
  await client.flush();
  // Conversions come after every exposure has been sent: the order a real user's session has.
  for (const user of converters) client.capture({ distinctId: user, event: 'purchased', properties: { amount: 20 } });
  await client.flush();
  await eventually(async () => (await storedCount(`event = '$feature_flag_called'`)) >= USERS && (await storedCount(`event = 'purchased'`)) >= converters.length, 60_000);

  const bayesian = await results(id, PURCHASE_FUNNEL);
  assert.equal(bayesian.baseline.key, 'control');
  assert.equal(bayesian.baseline.number_of_samples, assigned.control);
  const [test] = bayesian.variant_results;
  assert.equal(test.key, 'test');
  assert.equal(test.number_of_samples, assigned.test);
  assert.equal(bayesian.baseline.sum + test.sum, converters.length);
  assert.equal(test.method, 'bayesian');
  assert.equal(test.significant, true);
  assert.ok(test.chance_to_win > 0.95, `chance to win ${test.chance_to_win}`);
  assert.ok(test.credible_interval[0] < TRUE_LIFT && TRUE_LIFT < test.credible_interval[1], `credible interval ${test.credible_interval}`);
  t.diagnostic(`assigned ${JSON.stringify(assigned)}, conversions control ${bayesian.baseline.sum} test ${test.sum}`);
  t.diagnostic(`bayesian: chance to win ${test.chance_to_win}, credible interval ${JSON.stringify(test.credible_interval)}`);
  assert.equal(bayesian.srm.mismatch, false);
  assert.deepEqual(bayesian.warnings, []);

  const switched = await api(warren, 'PATCH', `/api/projects/1/experiments/${id}/`, { stats_config: { method: 'frequentist' } });
  assert.equal(switched.status, 200);
  const frequentist = await results(id, PURCHASE_FUNNEL);
  const [ftest] = frequentist.variant_results;
  assert.equal(ftest.method, 'frequentist');
  assert.equal(ftest.significant, true);
  t.diagnostic(`frequentist: p ${ftest.p_value}, confidence interval ${JSON.stringify(ftest.confidence_interval)}`);
  assert.ok(ftest.p_value < 0.01, `p-value ${ftest.p_value}`);
  assert.ok(ftest.confidence_interval[0] < TRUE_LIFT && TRUE_LIFT < ftest.confidence_interval[1], `confidence interval ${ftest.confidence_interval}`);

  // The same figures through the legacy kind, and the cumulative chart ends where the totals are.
  const legacy = await api(warren, 'POST', '/api/projects/1/query/', {
    query: { kind: 'ExperimentFunnelsQuery', experiment_id: id, funnels_query: { kind: 'FunnelsQuery', series: PURCHASE_FUNNEL.series } },
  });
  assert.equal(legacy.status, 200, JSON.stringify(legacy.body));
  assert.deepEqual(legacy.body.variants.map((v: any) => v.key), ['control', 'test']);
  assert.equal(legacy.body.variants[1].success_count, test.sum);
  assert.ok(legacy.body.probability.test > 0.95);
  const chart = await results(id, { ...PURCHASE_FUNNEL, conversion_window: 1, conversion_window_unit: 'day' }, { include_timeseries: true });
  const last = chart.timeseries.at(-1);
  assert.equal(last.variant_results[0].sum, test.sum);
  assert.equal(chart.variant_results[0].sum, test.sum, 'the totals come with the chart');

  // Safe to peek: the always-valid reading keeps the smallest p-value of the daily looks, and its sequence (wider
  // than the fixed-horizon interval) covers the true lift; with one variant Holm's adjustment changes nothing.
  const sequential = chart.variant_results[0].sequential;
  t.diagnostic(`sequential: p ${sequential.p_value}, confidence sequence ${JSON.stringify(sequential.confidence_sequence)}`);
  assert.equal(sequential.p_value, Math.min(...chart.timeseries.map((day: any) => day.variant_results[0].sequential?.p_value ?? 1)));
  assert.ok(sequential.confidence_sequence[0] < TRUE_LIFT && TRUE_LIFT < sequential.confidence_sequence[1], `sequence ${sequential.confidence_sequence}`);
  assert.ok(sequential.confidence_sequence[1] - sequential.confidence_sequence[0] > ftest.confidence_interval[1] - ftest.confidence_interval[0]);
  assert.equal(chart.variant_results[0].p_value_adjusted, chart.variant_results[0].p_value);
});

test('a 45/55 split of a 50/50 experiment raises the sample-ratio mismatch', async () => {
  const id = await createExperiment('srm-sim');
  // Broken assignment: the app decides the variant itself and reports it, 900 control to 1,100 test.
  for (let i = 0; i < 2000; i++) {
    const variant = i < 900 ? 'control' : 'test';
    client.capture({ distinctId: `srm-user-${i}`, event: '$feature_flag_called', properties: { $feature_flag: 'srm-sim', $feature_flag_response: variant } });
  }
  await client.flush();
  await eventually(async () => (await storedCount(`event = '$feature_flag_called' and properties.$feature_flag = 'srm-sim'`)) >= 2000, 30_000);
  const body = await results(id, PURCHASE_FUNNEL);
  assert.deepEqual(body.srm.observed_counts, { control: 900, test: 1100 });
  assert.equal(body.srm.mismatch, true);
  assert.ok(body.srm.p_value < 0.001, `SRM p-value ${body.srm.p_value}`);
  assert.ok(body.warnings.some((w: any) => w.code === 'sample_ratio_mismatch'));
});
