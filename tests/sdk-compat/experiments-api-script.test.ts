import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { PostHog } from 'posthog-node';
import { eventually } from '../support/api-client.js';
import { localEvaluationClient } from '../support/posthog-node-client.js';
import { spawnWarren, type WarrenProcess } from '../support/spawn-warren.js';

// A script written for PostHog's experiments API (plain fetch, a personal API key, PostHog's paths and bodies) run
// against Warren, with the real posthog-node reading the experiment's flag remotely (/flags) and locally
// (definitions polled with the personal key).

let warren: WarrenProcess;
let remote: PostHog;
let local: PostHog;

before(async () => {
  warren = await spawnWarren();
  remote = new PostHog(warren.token, { host: warren.url, flushAt: 1000, flushInterval: 60_000, fetchRetryCount: 0 });
  local = localEvaluationClient(warren);
});
after(async () => {
  await remote?.shutdown();
  await local?.shutdown();
  await warren?.stop();
});

/** What a PostHog API script does: JSON over fetch with `Authorization: Bearer phx_…` on the current project. */
async function posthogApi(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${warren.url}/api/projects/@current${path}`, {
    method,
    headers: { Authorization: `Bearer ${warren.personalApiKey}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text === '' ? null : JSON.parse(text) };
}

const remoteVariant = (key: string, id: string) => remote.getFeatureFlag(key, id, { sendFeatureFlagEvents: false });
const localVariant = (key: string, id: string) => local.getFeatureFlag(key, id, { onlyEvaluateLocally: true, sendFeatureFlagEvents: false });

/** Runs `fn` over `items`, `width` at a time (2,000 /flags calls one by one would take long; all at once would queue). */
async function inBatches<T, R>(items: T[], width: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += width) out.push(...(await Promise.all(items.slice(i, i + width).map(fn))));
  return out;
}

test('a PostHog experiments script: create, launch (posthog-node gets control/test), read results through /query/, conclude, ship a variant to everyone, archive', async () => {
  const created = await posthogApi('POST', '/experiments/', {
    name: 'Pricing page CTA',
    description: 'Does a louder button sell more?',
    feature_flag_key: 'pricing-cta',
    parameters: {
      feature_flag_variants: [
        { key: 'control', rollout_percentage: 50 },
        { key: 'test', rollout_percentage: 50 },
      ],
      minimum_detectable_effect: 5,
    },
    metrics: [{ kind: 'ExperimentMetric', metric_type: 'funnel', series: [{ kind: 'EventsNode', event: 'purchase' }], goal: 'increase' }],
    stats_config: { method: 'bayesian' },
    exposure_criteria: { filterTestAccounts: true, multiple_variant_handling: 'exclude' },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const experiment = created.body;
  assert.deepEqual([experiment.start_date, experiment.feature_flag.key, experiment.feature_flag.active], [null, 'pricing-cta', false]);
  assert.ok(!(await remoteVariant('pricing-cta', 'visitor-0')), 'a draft experiment serves no variant');

  const launched = await posthogApi('PATCH', `/experiments/${experiment.id}/`, { start_date: new Date().toISOString() });
  assert.equal(launched.status, 200, JSON.stringify(launched.body));
  assert.equal(launched.body.feature_flag.active, true);
  await local.reloadFeatureFlags();
  // Enough visitors for PostHog's minimum of 100 exposures per variant before figures are given.
  const ids = Array.from({ length: 260 }, (_, i) => `visitor-${i}`);
  // As an app would: ask for the variant (posthog-node sends the $feature_flag_called exposure), then convert.
  const served = await inBatches(ids, 20, (id) => remote.getFeatureFlag('pricing-cta', id));
  assert.deepEqual([...new Set(served)].sort(), ['control', 'test'], 'both variants are served');
  assert.deepEqual(await inBatches(ids, 20, (id) => localVariant('pricing-cta', id)), served, 'local evaluation agrees per visitor');
  const buyers = ids.filter((id, i) => (served[i] === 'test' ? i % 2 === 0 : i % 4 === 0));
  for (const id of buyers) remote.capture({ distinctId: id, event: 'purchase', properties: { amount: 20 } });
  await remote.flush();

  const metric = experiment.metrics[0];
  const results = await eventually(async () => {
    const res = await posthogApi('POST', '/query/', { query: { kind: 'ExperimentQuery', experiment_id: experiment.id, metric } });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const exposed = res.body.baseline.number_of_samples + res.body.variant_results[0].number_of_samples;
    const converted = res.body.baseline.sum + res.body.variant_results[0].sum;
    return exposed === ids.length && converted === buyers.length ? res.body : null;
  }, 30_000);
  const controlBuyers = buyers.filter((id) => served[ids.indexOf(id)] === 'control').length;
  assert.deepEqual([results.baseline.key, results.baseline.sum], ['control', controlBuyers]);
  assert.deepEqual([results.variant_results[0].key, results.variant_results[0].sum], ['test', buyers.length - controlBuyers]);
  assert.equal(results.variant_results[0].method, 'bayesian');
  assert.ok(results.variant_results[0].chance_to_win > 0.9, `test converts at twice control's rate: ${JSON.stringify(results.variant_results[0])}`);

  const stopped = await posthogApi('PATCH', `/experiments/${experiment.id}/`, { end_date: new Date(Date.now() + 1000).toISOString(), conclusion: 'won', conclusion_comment: 'Test converts better.' });
  assert.equal(stopped.status, 200, JSON.stringify(stopped.body));
  assert.deepEqual([stopped.body.conclusion, stopped.body.conclusion_comment], ['won', 'Test converts better.']);

  const shipped = await posthogApi('POST', `/experiments/${experiment.id}/ship_variant/`, { variant_key: 'test' });
  assert.equal(shipped.status, 200, JSON.stringify(shipped.body));
  await local.reloadFeatureFlags();
  assert.deepEqual(new Set(await inBatches(ids, 20, (id) => remoteVariant('pricing-cta', id))), new Set(['test']), 'everyone gets the shipped variant from /flags');
  assert.deepEqual(new Set(await inBatches(ids, 20, (id) => localVariant('pricing-cta', id))), new Set(['test']), 'and from local evaluation');

  assert.equal((await posthogApi('PATCH', `/experiments/${experiment.id}/`, { archived: true })).body.archived, true);
  const listed = await posthogApi('GET', '/experiments/');
  assert.ok(!listed.body.results.some((e: { id: number }) => e.id === experiment.id), 'archived experiments leave the list');
  const archived = await posthogApi('GET', '/experiments/?archived=true');
  assert.deepEqual(archived.body.results.map((e: { id: number }) => e.id), [experiment.id]);
  assert.equal((await posthogApi('DELETE', `/experiments/${experiment.id}/`)).status, 405);
  assert.equal((await posthogApi('PATCH', `/experiments/${experiment.id}/`, { deleted: true })).status, 200);
  assert.equal((await posthogApi('GET', `/experiments/${experiment.id}/`)).status, 404);
});

test('a 20 % holdout keeps about 20 % of 2,000 ids in holdout-<id>, identically on the server and in posthog-node local evaluation', async () => {
  const holdout = await posthogApi('POST', '/experiment_holdouts/', { name: 'Quarter holdout', filters: [{ properties: [], rollout_percentage: 20 }] });
  assert.equal(holdout.status, 201, JSON.stringify(holdout.body));
  const created = await posthogApi('POST', '/experiments/', { name: 'Onboarding checklist', feature_flag_key: 'onboarding-checklist', holdout_id: holdout.body.id });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assert.deepEqual(created.body.feature_flag.filters.holdout, { id: holdout.body.id, exclusion_percentage: 20 });
  assert.equal((await posthogApi('PATCH', `/experiments/${created.body.id}/`, { start_date: new Date().toISOString() })).status, 200);
  await local.reloadFeatureFlags();

  const ids = Array.from({ length: 2000 }, (_, i) => `holdout-user-${i}`);
  const fromServer = await inBatches(ids, 25, (id) => remoteVariant('onboarding-checklist', id));
  const fromSdk = await inBatches(ids, 200, (id) => localVariant('onboarding-checklist', id));
  const heldOut = `holdout-${holdout.body.id}`;
  const held = fromServer.filter((v) => v === heldOut).length;
  // Binomial(2000, 0.2): mean 400, sd ≈ 17.9; ±60 is more than three sd.
  assert.ok(held > 340 && held < 460, `held out on the server: ${held} of 2000`);
  const mismatches = ids.filter((_, i) => fromServer[i] !== fromSdk[i]);
  assert.deepEqual(mismatches, [], 'the server and posthog-node agree on every id');
  assert.deepEqual([...new Set(fromServer)].sort(), ['control', heldOut, 'test'].sort());
});
