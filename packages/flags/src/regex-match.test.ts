import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matchProperty } from './match-property.js';
import { matchRegex } from './regex-match.js';

// A backtracking engine would not finish these in a lifetime (2^50000 paths); RE2 takes a few milliseconds. The bound
// is loose so a loaded CI machine cannot fail it, yet it still fails at once on any backtracking engine.
test('a catastrophic-backtracking pattern against 50k characters evaluates in linear time', () => {
  const hostile = `${'a'.repeat(50_000)}!`;
  for (const pattern of ['(a+)+$', '^(a|aa)+$', '(a*)*b', '^(a|a?)+$']) {
    const started = performance.now();
    const matched = matchProperty({ key: 'name', operator: 'regex', value: pattern }, { name: hostile }, { mode: 'remote', now: new Date() });
    const elapsedMs = performance.now() - started;
    assert.equal(matched, false, pattern);
    assert.ok(elapsedMs < 2_000, `${pattern} took ${elapsedMs.toFixed(1)} ms`);
  }
});

test('patterns RE2 cannot compile never match, for regex and not_regex alike', () => {
  assert.equal(matchRegex('(a', 'a', 'remote'), null);
  assert.equal(matchRegex('(?<=x)a', 'xa', 'remote'), null);
  assert.equal(matchProperty({ key: 'k', operator: 'not_regex', value: '(a' }, { k: 'b' }, { mode: 'remote', now: new Date() }), false);
});

test('local mode leaves the syntax posthog-node defers to the server undecided', () => {
  for (const pattern of ['\\bword\\b', '(?i)abc', '(a)\\1', 'a++', '\\p{L}', 'x{2000}']) {
    assert.throws(() => matchRegex(pattern, 'abc', 'local'), /server|RE2/, pattern);
  }
  assert.equal(matchRegex('^[a-z]+\\.(com|io)$', 'acme.io', 'local'), true);
  assert.equal(matchRegex('[', 'x', 'local'), null);
});
