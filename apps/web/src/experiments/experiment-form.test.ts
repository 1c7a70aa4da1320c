import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ExperimentApi } from '@warren/shared/experiments-api';
import { emptyExperimentForm, experimentBody, flagProblem, formFromExperiment, suggestedFlagKey, validateExperiment, variantKeys } from './experiment-form';
import { emptyMetric } from './metric-form';

const named = () => ({ ...emptyExperimentForm(), name: 'Checkout button', flagKey: 'checkout-button' });

test('a new experiment needs a name and a flag key; the default control/test 50/50 split is valid', () => {
  assert.deepEqual(validateExperiment(emptyExperimentForm()), { name: 'Name the experiment.', flagKey: 'Give the flag a key.' });
  assert.deepEqual(validateExperiment(named()), {});
  assert.equal(validateExperiment({ ...named(), flagKey: 'has space' }).flagKey, 'Only letters, numbers, hyphens (-) & underscores (_) are allowed.');
});

test('variants: control first, distinct keys, shares adding up to 100', () => {
  const form = named();
  const [control, test] = form.variants;
  assert.equal(validateExperiment({ ...form, variants: [test!, control!] }).variants, 'The first variant must be control: the others are compared with it.');
  assert.equal(validateExperiment({ ...form, variants: [control!, { ...test!, rolloutPercentage: 40 }] }).variants, 'The shares must add up to 100%.');
  assert.equal(validateExperiment({ ...form, variants: [control!, { ...test!, key: 'control' }] })['variants.1.key'], 'Each variant needs its own key.');
  assert.equal(validateExperiment({ ...form, variants: [control!] }).variants, 'An experiment compares at least two variants.');
});

test('a custom exposure needs its event; metric errors are keyed by list and position', () => {
  const form = { ...named(), exposure: 'custom' as const, secondaryMetrics: [emptyMetric('funnel')] };
  assert.deepEqual(validateExperiment(form), { customExposureEvent: 'Pick the event that marks a person as exposed.', 'secondary.0.steps.0': 'Pick the event of step 1.' });
});

test('the body is PostHog create shape: flag key, variants, exposure criteria, metrics, stats method', () => {
  const form = { ...named(), statsMethod: 'frequentist' as const, primaryMetrics: [{ ...emptyMetric('funnel'), steps: ['purchase'] }], exposure: 'custom' as const, customExposureEvent: 'checkout viewed' };
  const body = experimentBody(form, true);
  assert.equal(body.feature_flag_key, 'checkout-button');
  assert.deepEqual(body.parameters!.feature_flag_variants, [
    { key: 'control', rollout_percentage: 50 },
    { key: 'test', rollout_percentage: 50 },
  ]);
  assert.deepEqual(body.exposure_criteria, {
    filterTestAccounts: true,
    multiple_variant_handling: 'exclude',
    exposure_config: { kind: 'ExperimentEventExposureConfig', event: 'checkout viewed', properties: [] },
  });
  assert.deepEqual(body.stats_config, { method: 'frequentist' });
  assert.equal(body.metrics!.length, 1);
  assert.equal(body.holdout_id, null, 'no holdout unless one is picked');
  assert.equal(experimentBody({ ...form, holdoutId: 3 }, true).holdout_id, 3);
  // Editing a draft never sends the flag key (it cannot change after creation).
  assert.equal('feature_flag_key' in experimentBody(form, false), false);
  // An existing flag keeps its own variants.
  assert.equal('feature_flag_variants' in experimentBody({ ...form, flagMode: 'existing' }, true).parameters!, false);
});

test('an existing flag must be multivariate with control first', () => {
  const flag = (keys: string[]) => ({ key: 'f', filters: { groups: [], multivariate: keys.length ? { variants: keys.map((key) => ({ key, rollout_percentage: 50 })) } : null } });
  assert.match(flagProblem(flag([]))!, /not a multivariate flag/);
  assert.match(flagProblem(flag(['test', 'control']))!, /must be control/);
  assert.equal(flagProblem(flag(['control', 'test'])), null);
  const picked = { ...named(), flagMode: 'existing' as const };
  assert.match(validateExperiment({ ...picked, existingVariants: ['a', 'control'] }).flagKey!, /must be control/);
  assert.deepEqual(validateExperiment({ ...picked, existingVariants: ['control', 'a'] }), {});
});

test('a stored draft comes back to the form with its flag variants, exposure and method', () => {
  const stored = {
    name: 'Copy',
    description: null,
    feature_flag_key: 'copy',
    feature_flag: { filters: { groups: [], multivariate: { variants: [{ key: 'control', rollout_percentage: 30 }, { key: 'b', rollout_percentage: 70 }] } } },
    exposure_criteria: { filterTestAccounts: false, multiple_variant_handling: 'first_seen', exposure_config: { kind: 'ExperimentEventExposureConfig', event: 'seen' } },
    metrics: [{ kind: 'ExperimentMetric', metric_type: 'funnel', series: [{ kind: 'EventsNode', event: 'buy' }] }, { kind: 'ExperimentTrendsQuery', count_query: {} }],
    metrics_secondary: [],
    saved_metrics: [{ saved_metric: 4, metadata: { type: 'secondary' } }],
    stats_config: { method: 'frequentist' },
    parameters: { minimum_detectable_effect: 10 },
    holdout_id: 3,
  } as unknown as ExperimentApi;
  const form = formFromExperiment(stored);
  assert.deepEqual(variantKeys(form), ['control', 'b']);
  assert.equal(form.exposure, 'custom');
  assert.equal(form.customExposureEvent, 'seen');
  assert.equal(form.multipleVariantHandling, 'first_seen');
  assert.equal(form.filterTestAccounts, false);
  assert.equal(form.primaryMetrics.length, 1);
  assert.deepEqual(form.savedMetrics, [{ id: 4, metadata: { type: 'secondary' } }]);
  assert.equal(form.statsMethod, 'frequentist');
  assert.equal(form.minimumDetectableEffect, 10);
  assert.equal(form.holdoutId, 3);
});

test('a suggested flag key is the name in lower case with hyphens', () => {
  assert.equal(suggestedFlagKey('New checkout button!'), 'new-checkout-button');
  assert.equal(suggestedFlagKey('  Ünïcode   test '), 'unicode-test');
});
