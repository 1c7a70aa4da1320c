import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { postBatch, waitForEvents } from '../support/capture-client.js';
import { createFlag, flagsV2 } from '../support/flags-client.js';
import { spawnWarren, type WarrenProcess } from '../support/spawn-warren.js';

// Group type names and the keys of a /flags body come from clients. Names that are also the names of every plain
// object's built-in properties (`constructor`, `toString`, `__proto__`) must be just names.

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
  await createFlag(warren, {
    key: 'enterprise-constructors',
    name: 'Group flag on a type named constructor',
    filters: {
      aggregation_group_type_index: 0,
      groups: [{ properties: [{ key: 'plan', type: 'group', group_type_index: 0, operator: 'exact', value: ['enterprise'] }], rollout_percentage: 100 }],
    },
  });
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
