import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { flagHash } from '../../packages/flags/src/hash.js';
import { eventually, hogql } from '../support/api-client.js';
import { createFlag, postFlags } from '../support/flags-client.js';
import { spawnWarren, type WarrenProcess } from '../support/spawn-warren.js';

const KEY = 'continuity-half';
let warren: WarrenProcess;

before(async () => {
  warren = await spawnWarren();
  await createFlag(warren, {
    key: KEY,
    name: 'half, continuous',
    ensure_experience_continuity: true,
    filters: { groups: [{ properties: [], rollout_percentage: 50 }] },
  });
});
after(async () => warren?.stop());

/** An anonymous id that is in the 50 % rollout and a user id that on its own would not be. */
function idsThatDisagree(): { anon: string; user: string } {
  let anon = '';
  let user = '';
  for (let i = 0; !anon || !user; i++) {
    if (!anon && flagHash(KEY, `anon-${i}`) <= 0.5) anon = `anon-${i}`;
    if (!user && flagHash(KEY, `user-${i}`) > 0.5) user = `user-${i}`;
  }
  return { anon, user };
}

test('with ensure_experience_continuity the value an anonymous visitor had survives identify', async () => {
  const { anon, user } = idsThatDisagree();
  const before = await postFlags(warren, '/flags/?v=2', { distinct_id: anon });
  assert.equal(before.body.flags[KEY].enabled, true, 'the anonymous id is in the rollout');
  const res = await fetch(`${warren.url}/batch/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ api_key: warren.token, batch: [{ event: '$identify', distinct_id: user, properties: { $anon_distinct_id: anon } }] }),
  });
  assert.equal(res.status, 200);
  await eventually(async () => Number((await hogql(warren, `select count() from events where distinct_id = '${user}'`)).results[0][0]) > 0);
  const afterIdentify = await postFlags(warren, '/flags/?v=2', { distinct_id: user, $anon_distinct_id: anon });
  assert.equal(afterIdentify.body.flags[KEY].enabled, true, 'the identified user keeps the anonymous value');
  const later = await postFlags(warren, '/flags/?v=2', { distinct_id: user });
  assert.equal(later.body.flags[KEY].enabled, true, 'and keeps it on later requests without $anon_distinct_id');
});

test('without continuity the same user id is bucketed on its own', async () => {
  const { user } = idsThatDisagree();
  const fresh = `${user}-elsewhere`;
  const value = flagHash(KEY, fresh) <= 0.5;
  const res = await postFlags(warren, '/flags/?v=2', { distinct_id: fresh });
  assert.equal(res.body.flags[KEY].enabled, value);
});
