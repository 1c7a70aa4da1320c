import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import mt19937 from '@stdlib/random-base-mt19937';
import type { PostHog } from 'posthog-node';
import { api, eventually, hogql } from '../support/api-client.js';
import { flagsV2 } from '../support/flags-client.js';
import { localEvaluationClient } from '../support/posthog-node-client.js';
import { openScreen, openWebApp, type WebAppSession } from '../support/web-app.js';

// The experiment screens driven as a user would: an experiment set up in the flow is stored in PostHog's shape,
// launched from its page, fed by the real posthog-node (local evaluation of the experiment's flag sends the
// $feature_flag_called exposures; converters then send `purchase`), read on the results page with numbers that
// match what was sent, and its winning variant shipped. A second experiment, fed a broken split over three days,
// shows the sample-ratio warning in words, frequentist p-values and the cumulative chart.

const EXPERIMENTS = '/api/projects/1/experiments/';
const KEY = 'checkout-button';
const USERS = 600;
const RATES: Record<string, number> = { control: 0.1, test: 0.3 };

let session: WebAppSession;
let client: PostHog;
let experimentId: number;
const assigned: Record<string, number> = {};
const converted: Record<string, number> = {};

before(async () => {
  session = await openWebApp({ signedIn: true });
  const { warren } = session;
  client = localEvaluationClient(warren, { flushAt: 200, flushInterval: 200, maxBatchSize: 200 });
});
after(async () => {
  await client?.shutdown();
  await session?.close();
});

async function stored(id: number): Promise<any> {
  const res = await api(session.warren, 'GET', `${EXPERIMENTS}${id}/`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
}

const storedCount = async (where: string) => Number((await hogql(session.warren, `select count() from events where ${where}`)).results[0]![0]);

test('an empty project explains experiments; the set-up flow saves a draft with a new flag, a funnel metric and the calculator plan', async () => {
  // Recent traffic for the calculator: 140 people viewed pages (twice each), which over 14 days is 10 new a day.
  for (let i = 0; i < 140; i++) for (let n = 0; n < 2; n++) client.capture({ distinctId: `visitor-${i}`, event: '$pageview', properties: { $current_url: 'https://shop.example/' } });
  await client.flush();
  await eventually(async () => (await storedCount(`event = '$pageview'`)) >= 280, 30_000);

  const page = await openScreen(session, 'experiments');
  await page.getByRole('heading', { name: 'No experiments yet' }).waitFor();
  await session.screenshot('experiments-empty');
  await page.getByRole('link', { name: 'New experiment' }).first().click();
  await page.getByRole('heading', { name: 'New experiment', level: 1 }).waitFor();

  // Saving empty names what is missing, beside its field.
  await page.getByRole('button', { name: 'Save as draft' }).click();
  await page.getByText('Name the experiment.').waitFor();
  await page.getByLabel('Name', { exact: true }).fill('Checkout button');
  // The new flag's key follows the name until it is typed.
  assert.equal(await page.getByLabel('Feature flag key').inputValue(), KEY);

  await page.getByRole('button', { name: '+ Add primary metric' }).click();
  await page.getByLabel('Primary metric 1 step 1').fill('purchase');
  await page.getByRole('button', { name: '+ Add secondary metric' }).click();
  const secondary = page.getByRole('group', { name: 'Secondary metric 1' });
  await secondary.getByLabel('Metric type').selectOption('mean');
  await secondary.getByLabel('Secondary metric 1 event').fill('purchase');
  await secondary.getByLabel('Secondary metric 1 per person').selectOption('sum');
  await secondary.getByLabel('Secondary metric 1 property').fill('amount');
  await secondary.getByLabel('Cap high values at percentile').fill('99');

  // The calculator: a 10 % rate, a 30 % lift at 80 % power is 1,769 people per variant (statsmodels' figure);
  // at 100 new people a day (typed over the measured 10) that is 36 days.
  await page.getByText('About 10 new people a day saw a page over the last 14 days.').waitFor();
  await page.getByLabel('Baseline conversion rate (%)').fill('10');
  await page.getByLabel('Minimum detectable effect (%)').fill('30');
  await page.getByLabel('New people a day').fill('100');
  const answer = page.locator('.calculator-answer');
  await answer.getByText('1,769').waitFor();
  assert.match((await answer.textContent())!, /1,769 people per variant, 3,538 in all — about 36 days to run/);

  const code = page.getByRole('region', { name: 'Add the experiment to your code' });
  await code.getByText(`posthog.getFeatureFlag('${KEY}') === 'test'`).waitFor();
  await code.getByRole('tab', { name: 'posthog-python' }).click();
  await code.getByText(`variant = posthog.get_feature_flag('${KEY}', distinct_id)`).waitFor();
  await session.screenshot('experiment-new');

  await page.getByRole('button', { name: 'Save as draft' }).click();
  await page.waitForURL(/\/project\/1\/experiments\/\d+$/);
  experimentId = Number(/(\d+)$/.exec(page.url())![1]);
  await page.getByRole('heading', { name: 'Checkout button', level: 1 }).waitFor();
  await page.getByText('Draft', { exact: true }).first().waitFor();

  const experiment = await stored(experimentId);
  assert.equal(experiment.feature_flag_key, KEY);
  assert.equal(experiment.start_date, null);
  assert.equal(experiment.feature_flag.active, false, 'a draft leaves its flag off');
  assert.deepEqual(
    experiment.feature_flag.filters.multivariate.variants.map((v: any) => [v.key, v.rollout_percentage]),
    [
      ['control', 50],
      ['test', 50],
    ],
  );
  assert.equal(experiment.metrics.length, 1);
  assert.equal(experiment.metrics[0].metric_type, 'funnel');
  assert.deepEqual(
    experiment.metrics[0].series.map((s: any) => s.event),
    ['purchase'],
  );
  assert.equal(experiment.metrics_secondary[0].metric_type, 'mean');
  assert.deepEqual(experiment.metrics_secondary[0].source, { kind: 'EventsNode', event: 'purchase', name: 'purchase', math: 'sum', math_property: 'amount' });
  assert.equal(experiment.metrics_secondary[0].upper_bound_percentile, 0.99);
  assert.equal(experiment.parameters.minimum_detectable_effect, 30);
  assert.equal(experiment.parameters.recommended_sample_size, 3538);
  assert.equal(experiment.parameters.recommended_running_time, 36);
  assert.equal(experiment.stats_config.method, 'bayesian');
  assert.deepEqual(experiment.exposure_criteria, { filterTestAccounts: true, multiple_variant_handling: 'exclude', exposure_config: null });
});

test('launching from the page turns the flag on; exposures and conversions from posthog-node show as numbers on the results page', async () => {
  const page = await openScreen(session, `experiments/${experimentId}`);
  await page.getByRole('button', { name: 'Launch' }).click();
  const dialog = page.getByRole('dialog', { name: 'Launch the experiment?' });
  await dialog.getByRole('button', { name: 'Launch' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByText('Running', { exact: true }).first().waitFor();
  const launched = await stored(experimentId);
  assert.ok(launched.start_date, 'start date set');
  assert.equal(launched.feature_flag.active, true, 'launch turns the flag on');

  // posthog-node evaluates the flag locally (Warren's buckets) and sends the exposure; a seeded share converts.
  await client.reloadFeatureFlags();
  // stdlib's Mersenne Twister: 32-bit integers, divided into [0, 1).
  // stdlib's seeded Mersenne Twister gives 32-bit integers; divided by 2^32 they are uniform in [0, 1).
  const random = mt19937.factory({ seed: 20_261_126 });
  const converters: string[] = [];
  for (let i = 0; i < USERS; i++) {
    const user = `shopper-${i}`;
    const variant = (await client.getFeatureFlag(KEY, user, { onlyEvaluateLocally: true })) as string;
    assert.ok(variant === 'control' || variant === 'test', `${user} gets a variant: ${variant}`);
    assigned[variant] = (assigned[variant] ?? 0) + 1;
    if (random() / 4_294_967_296 < RATES[variant]!) {
      converters.push(user);
      converted[variant] = (converted[variant] ?? 0) + 1;
    }
  }
  await client.flush();
  for (const user of converters) client.capture({ distinctId: user, event: 'purchase', properties: { amount: 25 } });
  await client.flush();
  await eventually(async () => (await storedCount(`event = '$feature_flag_called'`)) >= USERS && (await storedCount(`event = 'purchase'`)) >= converters.length, 60_000);

  await page.reload();
  const table = page.getByRole('table', { name: 'Primary metric 1 results' });
  const row = (key: string) => table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: key, exact: true }) });
  const count = new Intl.NumberFormat('en-US');
  await row('control').getByText(`${count.format(converted.control!)} of ${count.format(assigned.control!)} converted`).waitFor({ timeout: 30_000 });
  await row('test').getByText(`${count.format(converted.test!)} of ${count.format(assigned.test!)} converted`).waitFor();
  const verdict = (await row('test').locator('td.verdict .verdict-text').textContent())!;
  assert.match(verdict, /^test is better than control: a (more than 99\.9|9[5-9](\.\d)?)% chance to win\.$/);
  // The peeking-safe reading is said next to it (with 300 a variant it is more cautious than the fixed-horizon one).
  assert.match((await row('test').locator('td.verdict .peeking').textContent())!, /^ Checked daily, the always-valid test (agrees|is not decisive yet) \(p [<=] [\d.]+\)\.$/);
  assert.equal(await row('test').getByRole('img', { name: /^test: relative change / }).count(), 1, 'an interval bar');
  await page.getByRole('status').getByText('test beats control on Conversion to purchase.').waitFor();
  // Nothing is wrong with this split: no warning above the table.
  assert.equal(await page.getByRole('region', { name: /Primary metric 1:/ }).locator('.experiment-warning').count(), 0);
  // The secondary metric: mean revenue per person, 25 per converter.
  const revenue = page.getByRole('table', { name: 'Secondary metric 1 results' });
  await revenue.getByText(`total ${count.format(converted.test! * 25)}`).waitFor();
  await session.screenshot('experiment-results');
});

test('shipping the winner ends the experiment, records the conclusion, and the flag serves it to everyone', async () => {
  const page = await openScreen(session, `experiments/${experimentId}`);
  await page.getByRole('table', { name: 'Primary metric 1 results' }).waitFor();
  await page.getByRole('button', { name: 'Ship a variant' }).click();
  const dialog = page.getByRole('dialog', { name: 'Ship a variant' });
  // The results favour test, so it is offered first.
  await dialog.getByText('the results favour it').waitFor();
  assert.equal(await dialog.getByRole('radio', { name: 'test' }).isChecked(), true);
  await dialog.getByLabel('Release to all users').check();
  await dialog.getByLabel('Comment').fill('Clear win on checkout.');
  await session.screenshot('experiment-ship');
  await dialog.getByRole('button', { name: 'Ship test' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByText('Shipped test').first().waitFor();

  const shipped = await stored(experimentId);
  assert.equal(shipped.shipped_variant, 'test');
  assert.equal(shipped.conclusion, 'won');
  assert.equal(shipped.conclusion_comment, 'Clear win on checkout.');
  assert.ok(shipped.end_date, 'shipping ends a running experiment');
  for (const id of ['shopper-0', 'shopper-1', 'someone-new']) {
    assert.equal((await flagsV2(session.warren, { distinct_id: id })).flags[KEY]?.variant, 'test', `${id} gets test`);
  }
  await page.getByRole('region', { name: 'Summary' }).getByText('Won — Clear win on checkout.').waitFor();
});

test('a broken 45/55 split over three days: SRM in plain words, frequentist p-values, the cumulative chart; the list filters by status, search and archive', async () => {
  const { warren } = session;
  const created = await api(warren, 'POST', EXPERIMENTS, {
    name: 'Pricing copy',
    feature_flag_key: 'pricing-copy',
    stats_config: { method: 'frequentist' },
    metrics: [{ kind: 'ExperimentMetric', metric_type: 'funnel', series: [{ kind: 'EventsNode', event: 'signup' }] }],
    metrics_secondary: [{ kind: 'ExperimentMetric', metric_type: 'mean', source: { kind: 'EventsNode', event: 'signup' } }],
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const day = 86_400_000;
  const start = Date.now() - 3 * day;
  assert.equal((await api(warren, 'PATCH', `${EXPERIMENTS}${created.body.id}/`, { start_date: new Date(start).toISOString() })).status, 200);
  // The app decides the variant itself and reports it: 900 control, 1,100 test, spread over three days.
  for (let i = 0; i < 2000; i++) {
    const variant = i < 900 ? 'control' : 'test';
    const at = start + 60_000 + (i % 3) * day;
    client.capture({ distinctId: `reader-${i}`, event: '$feature_flag_called', properties: { $feature_flag: 'pricing-copy', $feature_flag_response: variant }, timestamp: new Date(at) });
    if (i % 10 === 0) client.capture({ distinctId: `reader-${i}`, event: 'signup', timestamp: new Date(at + 60_000) });
  }
  await client.flush();
  await eventually(async () => (await storedCount(`event = '$feature_flag_called' and properties.$feature_flag = 'pricing-copy'`)) >= 2000 && (await storedCount(`event = 'signup'`)) >= 200, 60_000);

  const page = await openScreen(session, `experiments/${created.body.id}`);
  const card = page.getByRole('region', { name: /Primary metric 1:/ });
  const warning = card.locator('.experiment-warning').first();
  await warning.waitFor({ timeout: 30_000 });
  assert.match((await warning.textContent())!, /seen: control 45%, test 55%; planned: control 50%, test 50%/);
  const table = card.getByRole('table', { name: 'Primary metric 1 results' });
  await table.getByRole('columnheader', { name: 'p-value' }).waitFor();
  await table.getByText('90 of 900 converted').waitFor();
  await table.getByText('110 of 1,100 converted').waitFor();
  assert.match((await table.locator('td.verdict .verdict-text').last().textContent())!, /^Not significant \(p = [\d.]+\): a difference this size could well be chance\.$/);
  // Two metrics, one variant each: the p-values are corrected together (many metrics are one family).
  const family = card.locator('.family-correction');
  await family.waitFor({ timeout: 30_000 });
  assert.match((await family.textContent())!, /^Across the 2 comparisons of this experiment \(Benjamini–Hochberg\): test p [=<] [\d.]+\.$/);
  await card.locator('canvas[role=img]').waitFor();
  await page.getByRole('status').getByText('No significant difference on Conversion to signup yet.').waitFor();
  await session.screenshot('experiment-srm');

  // The list: Checkout button is complete, Pricing copy running; search and archive narrow it.
  const list = await openScreen(session, 'experiments');
  const names = () => list.locator('table.experiment-list tbody .experiment-name').allTextContents();
  await list.getByRole('link', { name: 'Pricing copy' }).waitFor();
  assert.deepEqual((await names()).sort(), ['Checkout button', 'Pricing copy']);
  await list.getByRole('tab', { name: 'Complete' }).click();
  await list.waitForURL(/status=complete/);
  await eventually(async () => JSON.stringify(await names()) === JSON.stringify(['Checkout button']));
  const checkoutRow = list.getByRole('row').filter({ has: list.getByRole('link', { name: 'Checkout button' }) });
  await checkoutRow.getByText('Won').waitFor();
  await list.getByRole('tab', { name: 'Running' }).click();
  await eventually(async () => JSON.stringify(await names()) === JSON.stringify(['Pricing copy']));
  await list.getByRole('tab', { name: 'All' }).click();
  await list.getByLabel('Search experiments').fill('checkout');
  await eventually(async () => JSON.stringify(await names()) === JSON.stringify(['Checkout button']));
  await session.screenshot('experiments-list');

  // Archived experiments leave the list until asked for.
  const archive = await openScreen(session, `experiments/${experimentId}`);
  await archive.getByRole('button', { name: 'Archive', exact: true }).click();
  await archive.getByRole('button', { name: 'Unarchive', exact: true }).waitFor();
  assert.equal((await stored(experimentId)).archived, true);
  const again = await openScreen(session, 'experiments');
  await again.getByRole('link', { name: 'Pricing copy' }).waitFor();
  assert.deepEqual(await names(), ['Pricing copy']);
  await again.getByLabel('Archived').check();
  await eventually(async () => JSON.stringify(await names()) === JSON.stringify(['Checkout button']));
});

test('on an existing flag: control must come first; a custom exposure, a saved metric, a holdout made inline and the frequentist method are stored; a draft is edited, duplicated, deleted; the original is launched and concluded', async () => {
  const { warren } = session;
  const flag = (key: string, variants: string[]) =>
    api(warren, 'POST', '/api/projects/1/feature_flags/', {
      key,
      filters: { groups: [{ properties: [], rollout_percentage: 100 }], multivariate: { variants: variants.map((k, i) => ({ key: k, rollout_percentage: i === 0 ? 100 - 33 * (variants.length - 1) : 33 })) } },
    });
  assert.equal((await flag('signup-copy', ['control', 'short', 'long'])).status, 201);
  assert.equal((await flag('bad-order', ['b', 'control'])).status, 201);
  const saved = await api(warren, 'POST', '/api/projects/1/experiment_saved_metrics/', {
    name: 'Revenue per person',
    query: { kind: 'ExperimentMetric', metric_type: 'mean', source: { kind: 'EventsNode', event: 'purchase', math: 'sum', math_property: 'amount' } },
  });
  assert.equal(saved.status, 201, JSON.stringify(saved.body));
  const staff = await api(warren, 'POST', '/api/projects/1/experiment_holdouts/', { name: 'Staff holdout', filters: [{ properties: [], rollout_percentage: 5 }] });
  assert.equal(staff.status, 201, JSON.stringify(staff.body));

  const page = await openScreen(session, 'experiments/new');
  await page.getByLabel('Name', { exact: true }).fill('Signup copy');
  await page.getByLabel('Use an existing multivariate flag').check();
  // A select's accessible name includes its chosen option ("Feature flag Pick a flag"), so it is found by its start.
  const picker = page.getByRole('combobox', { name: /^Feature flag/ });
  await picker.locator('option[value="bad-order"]').waitFor({ state: 'attached' });
  await picker.selectOption('bad-order');
  await page.getByText('The first variant of bad-order must be control (it is b).').waitFor();
  await picker.selectOption('signup-copy');
  await page.getByText('Variants: control, short, long.').waitFor();

  await page.getByLabel('A custom event').check();
  await page.getByLabel('Custom exposure event').fill('signup page viewed');
  await page.getByRole('button', { name: '+ Add primary metric' }).click();
  await page.getByLabel('Primary metric 1 step 1').fill('signup');
  await page.getByRole('combobox', { name: /^Saved metric/ }).selectOption({ label: 'Revenue per person' });
  await page.getByLabel('Use as').selectOption('secondary');
  await page.getByRole('button', { name: 'Add saved metric' }).click();
  await page.getByRole('button', { name: 'Remove Revenue per person' }).waitFor();
  await page.getByLabel('Frequentist').check();
  // A holdout: the project's are listed with their share; a new one is made inline and picked.
  const holdout = page.getByRole('combobox', { name: /^Holdout/ });
  await holdout.locator('option', { hasText: 'Staff holdout (5% held out)' }).waitFor({ state: 'attached' });
  await page.getByRole('button', { name: 'New holdout…' }).click();
  const newHoldout = page.getByRole('group', { name: 'New holdout' });
  await newHoldout.getByRole('button', { name: 'Create holdout' }).click();
  await newHoldout.getByText('Name the holdout.').waitFor();
  await newHoldout.getByLabel('Holdout name').fill('Q4 holdout');
  await newHoldout.getByLabel('Share held out (%)').fill('10');
  await newHoldout.getByRole('button', { name: 'Create holdout' }).click();
  await newHoldout.waitFor({ state: 'detached' });
  assert.equal(await holdout.locator('option:checked').textContent(), 'Q4 holdout (10% held out)');
  const code = page.getByRole('region', { name: 'Add the experiment to your code' });
  await code.getByText(`posthog.getFeatureFlag('signup-copy') === 'long'`).waitFor();
  await code.getByText(`posthog.capture('signup page viewed')`).waitFor();
  await page.getByRole('button', { name: 'Save as draft' }).click();
  await page.waitForURL(/\/project\/1\/experiments\/\d+$/);
  const id = Number(/(\d+)$/.exec(page.url())![1]);

  const draft = await stored(id);
  assert.equal(draft.feature_flag_key, 'signup-copy');
  assert.deepEqual(
    draft.feature_flag.filters.multivariate.variants.map((v: any) => v.key),
    ['control', 'short', 'long'],
  );
  assert.deepEqual(draft.exposure_criteria.exposure_config, { kind: 'ExperimentEventExposureConfig', event: 'signup page viewed', properties: [] });
  assert.equal(draft.stats_config.method, 'frequentist');
  assert.equal(draft.holdout.name, 'Q4 holdout');
  assert.deepEqual(draft.holdout.filters.map((f: any) => f.rollout_percentage), [10]);
  assert.deepEqual(draft.feature_flag.filters.holdout, { id: draft.holdout_id, exclusion_percentage: 10 }, "the flag holds out 10 % with PostHog's holdout- salt");
  assert.deepEqual(
    draft.saved_metrics.map((s: any) => [s.saved_metric, s.metadata.type]),
    [[saved.body.id, 'secondary']],
  );

  // A draft is edited on its own page.
  await page.getByLabel('Name', { exact: true }).fill('Signup copy v2');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('status').getByText('Saved.').waitFor();
  assert.equal((await stored(id)).name, 'Signup copy v2');

  // Duplicated as a new draft, which is then deleted.
  await page.getByRole('button', { name: 'Duplicate' }).click();
  await page.getByRole('heading', { name: 'Signup copy v2 (Copy)', level: 1 }).waitFor();
  const copyId = Number(/(\d+)$/.exec(page.url())![1]);
  assert.notEqual(copyId, id);
  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete experiment' }).click();
  await page.waitForURL(/\/project\/1\/experiments$/);
  assert.equal((await api(warren, 'GET', `${EXPERIMENTS}${copyId}/`)).status, 404);

  // The original: launched, then concluded as stopped early with a comment.
  const original = await openScreen(session, `experiments/${id}`);
  await original.getByRole('button', { name: 'Launch' }).click();
  await original.getByRole('dialog', { name: 'Launch the experiment?' }).getByRole('button', { name: 'Launch' }).click();
  await original.getByText('Running', { exact: true }).first().waitFor();
  await original.getByRole('heading', { name: 'Secondary metric 1: Revenue per person' }).waitFor();
  await original.getByRole('button', { name: 'Conclude' }).click();
  const dialog = original.getByRole('dialog', { name: 'Conclude the experiment' });
  await dialog.getByLabel(/^Stopped early/).check();
  await dialog.getByLabel('Comment').fill('The copy change shipped with the redesign instead.');
  await dialog.getByRole('button', { name: 'Conclude' }).click();
  await dialog.waitFor({ state: 'detached' });
  await original.getByText('Complete', { exact: true }).first().waitFor();
  const concluded = await stored(id);
  assert.equal(concluded.conclusion, 'stopped_early');
  assert.equal(concluded.conclusion_comment, 'The copy change shipped with the redesign instead.');
  assert.ok(concluded.end_date, 'concluding a running experiment stops it');
  await session.screenshot('experiment-concluded');
});
