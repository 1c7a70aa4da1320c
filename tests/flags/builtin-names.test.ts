import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { postBatch, waitForEvents } from '../support/capture-client.js';
import { createFlag, enterpriseGroupFlagBody, flagsV2, postFlags } from '../support/flags-client.js';
import { spawnWarren, type WarrenProcess } from '../support/spawn-warren.js';

// Group type names, the keys of a /flags body, flag keys, variant keys and cohort ids come from clients and users.
// Names that are also the names of every plain object's built-in properties (`constructor`, `toString`, `__proto__`)
// must be just names.

let warren: WarrenProcess;
before(async () => {
  warren = await spawnWarren();
});
after(async () => {
  await warren?.stop();
});

test('a group type named like a built-in object property is a group type like any other', async () => {
  const identify = { event: '$groupidentify', distinct_id: 'admin', properties: { $group_type: 'constructor', $group_key: 'acme', $group_set: { plan: 'enterprise' } } };
  assert.equal((await postBatch(warren, [identify])).status, 200);
  await waitForEvents(warren, '$groupidentify');
  await createFlag(warren, enterpriseGroupFlagBody('enterprise-constructors', 'Group flag on a type named constructor'));
  // A request that names no group of that type: the flag is off, the request is answered.
  const none = await flagsV2(warren, { distinct_id: 'someone' });
  assert.equal(none.flags['enterprise-constructors'].enabled, false);
  // One that names the group: decided from its stored properties.
  const named = await flagsV2(warren, { distinct_id: 'someone', groups: { constructor: 'acme' } });
  assert.equal(named.flags['enterprise-constructors'].enabled, true);
  // Keys named __proto__ in the request's groups and group properties are plain keys, not prototypes.
  const proto = await flagsV2(warren, {
    distinct_id: 'someone',
    groups: JSON.parse('{"__proto__": "acme"}'),
    group_properties: JSON.parse('{"__proto__": {"constructor": {"plan": "enterprise"}}}'),
  });
  assert.equal(proto.flags['enterprise-constructors'].enabled, false, 'no group of the type was named');
});

test('a flag whose cohort filter names a cohort id like constructor is off, and every other flag is still served', async () => {
  await createFlag(warren, {
    key: 'odd-cohort',
    name: 'Cohort filter with a built-in name',
    filters: { groups: [{ properties: [{ key: 'id', type: 'cohort', value: 'constructor' }], rollout_percentage: 100 }] },
  });
  await createFlag(warren, { key: 'plain', name: 'Everyone', filters: { groups: [{ properties: [], rollout_percentage: 100 }] } });
  const answer = await flagsV2(warren, { distinct_id: 'someone' });
  assert.equal(answer.flags['odd-cohort'].enabled, false);
  assert.equal(answer.flags.plain.enabled, true);
});

test('a flag keyed __proto__ with a variant keyed __proto__ and its payload is served by /flags v2 and /decide', async () => {
  await createFlag(
    warren,
    JSON.parse(`{"key": "__proto__", "name": "Built-in names throughout", "filters": {
      "groups": [{"properties": [], "rollout_percentage": 100}],
      "multivariate": {"variants": [{"key": "__proto__", "rollout_percentage": 100}]},
      "payloads": {"__proto__": "{\\"a\\": 1}"}}}`),
  );
  const v2 = await flagsV2(warren, { distinct_id: 'someone' });
  const flag = (v2.flags as Record<string, any>)['__proto__'];
  assert.equal(Object.hasOwn(v2.flags, '__proto__'), true);
  assert.equal(flag.variant, '__proto__');
  assert.equal(flag.metadata.payload, '{"a": 1}');
  const v1 = await postFlags(warren, '/decide/?v=3', { distinct_id: 'someone' });
  assert.equal(v1.status, 200);
  assert.equal(Object.hasOwn(v1.body.featureFlags, '__proto__'), true);
  assert.equal(v1.body.featureFlags['__proto__'], '__proto__');
  assert.equal(v1.body.featureFlagPayloads['__proto__'], '{"a": 1}');
});

test('person properties whose toString cannot be called, sent or stored, are matched as text: /flags answers', async () => {
  await createFlag(warren, {
    key: 'p-contains',
    name: 'Filters on p',
    filters: { groups: [{ properties: [{ key: 'p', type: 'person', operator: 'icontains', value: 'x' }], rollout_percentage: 100 }] },
  });
  await createFlag(warren, {
    key: 'p-greater',
    name: 'Orders p',
    filters: { groups: [{ properties: [{ key: 'p', type: 'person', operator: 'gt', value: 5 }], rollout_percentage: 100 }] },
  });
  const sent = await flagsV2(warren, { distinct_id: 'someone', person_properties: { p: { toString: 1 } } as never });
  assert.equal(sent.flags['p-contains'].enabled, false);
  // Stored by a capture, the value was read on every later /flags call for that person.
  assert.equal((await postBatch(warren, [{ event: 'set-p', distinct_id: 'poisoned', properties: { $set: { p: { toString: 1 } } } }])).status, 200);
  await waitForEvents(warren, 'set-p');
  const stored = await flagsV2(warren, { distinct_id: 'poisoned' });
  assert.equal(stored.flags['p-contains'].enabled, false);
  // Ordered as text, as any object value is ('[object Object]' > '5').
  assert.equal(stored.flags['p-greater'].enabled, true);
});
