import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiKeyWriteFrom } from './api-key-input.js';

const attrOf = (body: unknown) => {
  try {
    apiKeyWriteFrom(body, null);
    return null;
  } catch (error) {
    return (error as { attr: string | null }).attr;
  }
};

test('a key needs a label and at least one known PostHog scope', () => {
  assert.equal(attrOf({ scopes: ['*'] }), 'label');
  assert.equal(attrOf({ label: 'x'.repeat(41), scopes: ['*'] }), 'label');
  assert.equal(attrOf({ label: 'CI' }), 'scopes');
  assert.equal(attrOf({ label: 'CI', scopes: [] }), 'scopes', 'no scopes would mean every scope to PostHog');
  assert.equal(attrOf({ label: 'CI', scopes: ['feature_flag:delete'] }), 'scopes');
  assert.equal(attrOf({ label: 'CI', scopes: ['rocket:read'] }), 'scopes');
  assert.deepEqual(apiKeyWriteFrom({ label: ' CI ', scopes: ['query:read', 'query:read', 'feature_flag:write'] }, null), {
    label: 'CI',
    scopes: ['query:read', 'feature_flag:write'],
    scopedTeams: null,
    scopedOrganizations: null,
  });
});

test('scoped_teams is a list of project ids; scoped_organizations is refused until it is enforced', () => {
  assert.equal(attrOf({ label: 'CI', scopes: ['*'], scoped_teams: ['1'] }), 'scoped_teams');
  assert.equal(attrOf({ label: 'CI', scopes: ['*'], scoped_teams: [0] }), 'scoped_teams');
  assert.deepEqual(apiKeyWriteFrom({ label: 'CI', scopes: ['*'], scoped_teams: [2, 2] }, null).scopedTeams, [2]);
  assert.equal(apiKeyWriteFrom({ label: 'CI', scopes: ['*'], scoped_teams: [] }, null).scopedTeams, null);
  assert.equal(attrOf({ label: 'CI', scopes: ['*'], scoped_organizations: ['0190a1b2-0000-0000-0000-000000000000'] }), 'scoped_organizations');
  assert.equal(apiKeyWriteFrom({ label: 'CI', scopes: ['*'], scoped_organizations: [] }, null).scopedOrganizations, null);
});
