import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { PostHog } from 'posthog-node';
import { createFlag } from '../support/flags-client.js';
import { spawnWarren, TEST_PROJECT_SECRET_KEY, type WarrenProcess } from '../support/spawn-warren.js';

let warren: WarrenProcess;
before(async () => {
  warren = await spawnWarren();
  await createFlag(warren, {
    key: 'secret-key-flag',
    filters: { groups: [{ properties: [{ key: 'plan', value: 'pro', type: 'person', operator: 'exact' }], rollout_percentage: 100 }] },
  });
});
after(async () => warren?.stop());

test('posthog-node with a project secret key (phs_) evaluates flags locally from Warren’s definitions', async () => {
  const client = new PostHog(warren.token, { host: warren.url, secretKey: TEST_PROJECT_SECRET_KEY, flushAt: 1000, fetchRetryCount: 0 });
  try {
    await client.reloadFeatureFlags();
    const on = await client.getFeatureFlag('secret-key-flag', 'someone', { personProperties: { plan: 'pro' }, onlyEvaluateLocally: true, sendFeatureFlagEvents: false });
    const off = await client.getFeatureFlag('secret-key-flag', 'someone', { personProperties: { plan: 'free' }, onlyEvaluateLocally: true, sendFeatureFlagEvents: false });
    assert.equal(on, true);
    assert.equal(off, false);
  } finally {
    await client.shutdown();
  }
});

test('a wrong secret key, or one used with another project’s token, is refused with 401', async () => {
  const wrong = await fetch(`${warren.url}/flags/definitions?token=${warren.token}`, { headers: { authorization: 'Bearer phs_not_the_key_at_all' } });
  assert.equal(wrong.status, 401);
  const otherProject = await fetch(`${warren.url}/flags/definitions?token=phc_someone_else_entirely`, { headers: { authorization: `Bearer ${TEST_PROJECT_SECRET_KEY}` } });
  assert.equal(otherProject.status, 401);
  const right = await fetch(`${warren.url}/flags/definitions?token=${warren.token}`, { headers: { authorization: `Bearer ${TEST_PROJECT_SECRET_KEY}` } });
  assert.equal(right.status, 200);
  assert.ok(((await right.json()) as { flags: { key: string }[] }).flags.some((f) => f.key === 'secret-key-flag'));
});
