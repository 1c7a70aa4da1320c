import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { PostHog } from 'posthog-node';
import { api, eventually, hogql } from '../support/api-client.js';
import { createFlag, flagsV2, mapConcurrent, valueOf } from '../support/flags-client.js';
import { localEvaluationClient } from '../support/posthog-node-client.js';
import { spawnWarren, type WarrenProcess } from '../support/spawn-warren.js';

/*
 * Flag conditions on cohorts. Property cohorts are evaluated inline from the person's properties, by Warren's
 * /flags and by the real posthog-node from the definitions it polls, and the two must agree. Behavioural and
 * static cohorts are decided by Warren from their calculated members (posthog-node asks Warren for those).
 *   adults  (property): age >= 18 and country is not US (a negated filter)
 *   target  (property): plan = pro, or (in adults and email contains @acme.com)
 *   engaged (behavioural): 2+ $pageview in the last 7 days — b-1 has 2, b-2 has 1
 *   listed  (static, CSV): s-1
 */
const PEOPLE = 600;
let warren: WarrenProcess;
let client: PostHog | undefined;
const ids: Record<string, number> = {};

const cohort = async (body: object): Promise<number> => {
  const res = await api(warren, 'POST', '/api/projects/1/cohorts/', body);
  assert.equal(res.status, 201, JSON.stringify(res.body));
  await eventually(async () => (await api(warren, 'GET', `/api/projects/1/cohorts/${res.body.id}/`)).body.last_calculation !== null);
  return res.body.id;
};
const onCohort = (key: string, cohortId: number, operator = 'in', rollout = 100) => ({
  key, name: key, filters: { groups: [{ properties: [{ key: 'id', type: 'cohort', value: cohortId, operator }], rollout_percentage: rollout }] },
});

before(async () => {
  warren = await spawnWarren();
  const ago = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
  const res = await fetch(`${warren.url}/batch/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      api_key: warren.token,
      batch: [
        { event: '$pageview', distinct_id: 'b-1', timestamp: ago(30) },
        { event: '$pageview', distinct_id: 'b-1', timestamp: ago(20) },
        { event: '$pageview', distinct_id: 'b-2', timestamp: ago(10) },
        { event: '$pageview', distinct_id: 's-1', timestamp: ago(10) },
        { event: '$pageview', distinct_id: 's-2', timestamp: ago(10) },
      ],
    }),
  });
  assert.equal(res.status, 200);
  await eventually(async () => Number((await hogql(warren, 'select count() from events')).results[0][0]) === 5);
  ids.adults = await cohort({ name: 'Adults', filters: { properties: { type: 'AND', values: [
    { type: 'person', key: 'age', value: 18, operator: 'gte' },
    { type: 'person', key: 'country', value: 'US', operator: 'exact', negation: true },
  ] } } });
  ids.target = await cohort({ name: 'Target', filters: { properties: { type: 'OR', values: [
    { type: 'AND', values: [{ type: 'person', key: 'plan', value: ['pro'], operator: 'exact' }] },
    { type: 'AND', values: [{ type: 'cohort', key: 'id', value: ids.adults }, { type: 'person', key: 'email', value: '@acme.com', operator: 'icontains' }] },
  ] } } });
  ids.engaged = await cohort({ name: 'Engaged', filters: { properties: { type: 'AND', values: [
    { type: 'behavioral', value: 'performed_event_multiple', key: '$pageview', event_type: 'events', time_value: 7, time_interval: 'day', operator: 'gte', operator_value: 2 },
  ] } } });
  const form = new FormData();
  form.append('name', 'Listed');
  form.append('csv', new Blob(['s-1\n']), 'listed.csv');
  const listed = await fetch(`${warren.url}/api/projects/1/cohorts/`, { method: 'POST', headers: { authorization: `Bearer ${warren.personalApiKey}` }, body: form });
  assert.equal(listed.status, 201);
  ids.listed = ((await listed.json()) as { id: number }).id;
  await createFlag(warren, onCohort('in-target', ids.target, 'in', 70));
  await createFlag(warren, onCohort('not-in-target', ids.target, 'not_in'));
  await createFlag(warren, onCohort('engaged-only', ids.engaged));
  await createFlag(warren, onCohort('listed-only', ids.listed));
});
after(async () => {
  await client?.shutdown();
  await warren?.stop();
});

function person(i: number): { distinctId: string; properties: Record<string, string | number> } {
  const properties: Record<string, string | number> = {
    plan: ['pro', 'free', 'team'][i % 3],
    email: i % 4 === 0 ? `p${i}@acme.com` : `p${i}@other.io`,
    age: 10 + ((i * 7) % 30),
    country: ['US', 'DE', 'FR'][(i >> 1) % 3],
  };
  // Every 10th person lacks `age`: posthog-node cannot decide some of them, and must not disagree where it does.
  if (i % 10 === 9) delete properties.age;
  return { distinctId: `p-${i}`, properties };
}

test('property cohorts: Warren /flags and posthog-node local evaluation agree for every person the SDK decides', async () => {
  const definitions = await (await fetch(`${warren.url}/flags/definitions?token=${warren.token}&send_cohorts`, { headers: { authorization: `Bearer ${warren.personalApiKey}` } })).json() as { cohorts: Record<string, unknown> };
  assert.deepEqual(Object.keys(definitions.cohorts).sort(), [String(ids.adults), String(ids.target)].sort(), 'behavioural and static cohorts are not served');

  client = localEvaluationClient(warren);
  assert.equal(await client.waitForLocalEvaluationReady(10_000), true);
  const people = Array.from({ length: PEOPLE }, (_, i) => person(i));
  const remote = await mapConcurrent(people, 8, (p) => flagsV2(warren, { distinct_id: p.distinctId, person_properties: p.properties }));
  const mismatches: string[] = [];
  const decided = { 'in-target': 0, 'not-in-target': 0 };
  const on = { 'in-target': 0, 'not-in-target': 0 };
  for (const [i, p] of people.entries()) {
    for (const key of ['in-target', 'not-in-target'] as const) {
      const local = await client.getFeatureFlag(key, p.distinctId, { personProperties: p.properties as Record<string, string>, onlyEvaluateLocally: true, sendFeatureFlagEvents: false });
      if (local === undefined) continue;
      decided[key]++;
      if (local) on[key]++;
      const warrenValue = valueOf(remote[i].flags[key]);
      if (local !== warrenValue) mismatches.push(`${p.distinctId} ${key} ${JSON.stringify(p.properties)}: posthog-node ${local}, Warren ${warrenValue}`);
    }
    assert.equal(remote[i].errorsWhileComputingFlags, false);
  }
  assert.deepEqual(mismatches.slice(0, 10), [], `${mismatches.length} disagreements`);
  for (const key of ['in-target', 'not-in-target'] as const) {
    assert.ok(decided[key] >= PEOPLE * 0.8, `${key} decided for ${decided[key]} people`);
    assert.ok(on[key] > 0 && on[key] < decided[key], `${key} on for ${on[key]} of ${decided[key]}: the cohort does not discriminate`);
  }
  // By hand: p-0 is on the pro plan; p-4 (free, @acme.com, age 38, FR) is an adult outside the US.
  assert.equal(valueOf(remote[0].flags['not-in-target']), false);
  assert.equal(valueOf(remote[4].flags['not-in-target']), false);
  // p-1: free, other.io — never in target.
  assert.equal(valueOf(remote[1].flags['not-in-target']), true);
});

test('behavioural and static cohorts: Warren decides from calculated members; posthog-node defers to Warren', async () => {
  const value = async (key: string, distinctId: string) => valueOf((await flagsV2(warren, { distinct_id: distinctId })).flags[key]);
  assert.equal(await value('engaged-only', 'b-1'), true);
  assert.equal(await value('engaged-only', 'b-2'), false);
  assert.equal(await value('engaged-only', 'never-seen'), false);
  assert.equal(await value('listed-only', 's-1'), true);
  assert.equal(await value('listed-only', 's-2'), false);
  client ??= localEvaluationClient(warren);
  await client.waitForLocalEvaluationReady(10_000);
  assert.equal(await client.getFeatureFlag('engaged-only', 'b-1', { onlyEvaluateLocally: true, sendFeatureFlagEvents: false }), undefined, 'the SDK cannot decide it');
  assert.equal(await client.getFeatureFlag('engaged-only', 'b-1', { sendFeatureFlagEvents: false }), true, 'so it asks Warren');

  // A member added to the static cohort is on at the next request: the membership index follows the cohort.
  const form = new FormData();
  form.append('csv', new Blob(['s-2\n']), 'more.csv');
  const added = await fetch(`${warren.url}/api/projects/1/cohorts/${ids.listed}/`, { method: 'PATCH', headers: { authorization: `Bearer ${warren.personalApiKey}` }, body: form });
  assert.equal(added.status, 200);
  await eventually(async () => (await value('listed-only', 's-2')) === true, 5_000);
});
