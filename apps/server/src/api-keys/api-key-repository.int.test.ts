import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashApiKey } from '../auth/api-key-format.js';
import { bootstrapInstall } from '../projects/bootstrap-install.js';
import { metaDialectsForTests } from '../projects/meta-dialects-for-tests.js';
import { apiKeyWriteFrom } from './api-key-input.js';
import { ApiKeyRepository } from './api-key-repository.js';

const bootstrap = { projectToken: 'phc_first', projectSecretKey: null, personalApiKey: 'phx_owner', email: 'owner@example.com', password: null };

for (const [name, open] of metaDialectsForTests()) {
  test(`${name}: keys are stored hashed, listed newest first per user, updated, rolled and deleted`, async () => {
    const db = await open();
    await bootstrapInstall(db, bootstrap);
    const userId = (await db.selectFrom('users').select('id').executeTakeFirstOrThrow()).id;
    const keys = new ApiKeyRepository(db);
    assert.equal(await keys.count(userId), 1, 'the bootstrap key');

    const { key, value } = await keys.create(userId, apiKeyWriteFrom({ label: 'CI', scopes: ['query:read'], scoped_teams: [1] }, null));
    assert.match(value, /^phx_[0-9A-Za-z]{40,}$/);
    assert.equal(key.maskValue, `phx_...${value.slice(-4)}`);
    assert.deepEqual([key.label, key.scopes, key.scopedTeams, key.scopedOrganizations, key.lastRolledAt], ['CI', ['query:read'], [1], null, null]);
    const stored = await db.selectFrom('personal_api_keys').select('secure_value').where('id', '=', key.id).executeTakeFirstOrThrow();
    assert.equal(stored.secure_value, hashApiKey(value), 'only the hash is kept');
    assert.deepEqual((await keys.list(userId)).map((k) => k.label), ['CI', 'Bootstrap key']);
    assert.equal(await keys.get(userId + 1, key.id), null, 'another user cannot read it');

    const updated = await keys.update(userId, key.id, apiKeyWriteFrom({ label: 'CI 2', scoped_teams: [] }, key));
    assert.deepEqual([updated?.label, updated?.scopes, updated?.scopedTeams], ['CI 2', ['query:read'], null]);

    const rolled = (await keys.roll(userId, key.id))!;
    assert.notEqual(rolled.value, value);
    assert.ok(rolled.key.lastRolledAt);
    const after = await db.selectFrom('personal_api_keys').select('secure_value').where('id', '=', key.id).executeTakeFirstOrThrow();
    assert.equal(after.secure_value, hashApiKey(rolled.value));
    assert.equal(await keys.roll(userId + 1, key.id), null);

    assert.equal(await keys.delete(userId + 1, key.id), false);
    assert.equal(await keys.delete(userId, key.id), true);
    assert.equal(await keys.get(userId, key.id), null);
  });
}
