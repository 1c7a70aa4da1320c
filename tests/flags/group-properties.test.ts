import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { postBatch, waitForEvents } from '../support/capture-client.js';
import { createFlag, enterpriseGroupFlagBody, flagsV2 } from '../support/flags-client.js';
import { spawnWarren, type WarrenProcess } from '../support/spawn-warren.js';

// A group flag decides from the group's stored properties. Once a `$groupidentify` is stored, the next /flags
// request decides from the new properties, even right after a request that read the old ones.

let warren: WarrenProcess;
before(async () => {
  warren = await spawnWarren();
});
after(async () => {
  await warren?.stop();
});

const groupIdentify = (plan: string) => ({
  event: '$groupidentify',
  distinct_id: 'account-admin',
  properties: { $group_type: 'company', $group_key: 'acme', $group_set: { plan } },
});

test('a group flag follows the group properties of the last stored $groupidentify at once', async () => {
  assert.equal((await postBatch(warren, [groupIdentify('free')])).status, 200);
  await waitForEvents(warren, '$groupidentify');
  await createFlag(warren, enterpriseGroupFlagBody('enterprise-only', 'For enterprise companies'));
  const asked = { distinct_id: 'someone-at-acme', groups: { company: 'acme' } };
  assert.equal((await flagsV2(warren, asked)).flags['enterprise-only'].enabled, false, 'a free company is not in');

  assert.equal((await postBatch(warren, [groupIdentify('enterprise')])).status, 200);
  await waitForEvents(warren, '$groupidentify', 'distinct_id', 2);
  const upgraded = await flagsV2(warren, asked);
  assert.equal(upgraded.flags['enterprise-only'].enabled, true, 'the upgrade counts from the next request on');
  assert.equal(upgraded.flags['enterprise-only'].reason.code, 'condition_match');

  // Properties sent with the request still override the stored ones.
  const overridden = await flagsV2(warren, { ...asked, group_properties: { company: { plan: 'free' } } });
  assert.equal(overridden.flags['enterprise-only'].enabled, false);
});
