import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validScopes } from '../../../server/src/auth/scopes';
import { describeScopes, newKeyProblem, scopeObjectLabel, scopesOf } from './api-key-scopes';

test('all access sends the * scope whatever levels were picked before', () => {
  assert.deepEqual(scopesOf({ all: true, levels: { query: 'read' } }), ['*']);
});

test('picked levels become object:level scopes in the server order, and no access sends nothing', () => {
  const scopes = scopesOf({ all: false, levels: { query: 'read', insight: 'write', person: 'none' } });
  assert.deepEqual(scopes, ['insight:write', 'query:read']);
  assert.ok(validScopes(scopes));
});

test('a key needs a label of at most 40 characters and at least one scope', () => {
  assert.match(newKeyProblem('  ', { all: true, levels: {} })!, /label/);
  assert.match(newKeyProblem('x'.repeat(41), { all: true, levels: {} })!, /40/);
  assert.match(newKeyProblem('CI', { all: false, levels: { query: 'none' } })!, /scope/);
  assert.equal(newKeyProblem('CI', { all: false, levels: { query: 'read' } }), null);
});

test('scopes read as all access, or the first few names and how many more', () => {
  assert.equal(describeScopes(['*']), 'All access');
  assert.equal(describeScopes([]), 'All access');
  assert.equal(describeScopes(['query:read', 'insight:write']), 'query:read, insight:write');
  assert.equal(describeScopes(['a:read', 'b:read', 'c:read', 'd:read', 'e:read']), 'a:read, b:read, c:read +2 more');
});

test('scope objects read as words', () => {
  assert.equal(scopeObjectLabel('feature_flag'), 'Feature flag');
  assert.equal(scopeObjectLabel('query'), 'Query');
});
