import assert from 'node:assert/strict';
import { test } from 'node:test';
import { flagSnippets } from './flag-snippets';

test('a boolean flag is checked with isFeatureEnabled / feature_enabled', () => {
  const s = flagSnippets({ key: 'new-checkout', variants: [], hasPayload: false });
  assert.match(s.js, /if \(posthog\.isFeatureEnabled\('new-checkout'\)\) \{/);
  assert.match(s.node, /await posthog\.isFeatureEnabled\('new-checkout', distinctId\)/);
  assert.match(s.python, /if posthog\.feature_enabled\('new-checkout', distinct_id\):/);
  for (const code of Object.values(s)) assert.doesNotMatch(code, /[Pp]ayload/);
});

test('a multivariate flag compares getFeatureFlag / get_feature_flag with its first variant', () => {
  const s = flagSnippets({ key: 'checkout-copy', variants: ['control', 'test'], hasPayload: false });
  assert.match(s.js, /posthog\.getFeatureFlag\('checkout-copy'\) === 'control'/);
  assert.match(s.node, /await posthog\.getFeatureFlag\('checkout-copy', distinctId\)/);
  assert.match(s.python, /posthog\.get_feature_flag\('checkout-copy', distinct_id\) == 'control'/);
  assert.doesNotMatch(s.js, /isFeatureEnabled/);
});

test('a payload adds the payload call in each SDK', () => {
  const s = flagSnippets({ key: 'k', variants: [], hasPayload: true });
  assert.match(s.js, /posthog\.getFeatureFlagPayload\('k'\)/);
  assert.match(s.node, /await posthog\.getFeatureFlagPayload\('k', distinctId\)/);
  assert.match(s.python, /posthog\.get_feature_flag_payload\('k', distinct_id\)/);
});

test('quotes and backslashes in a key cannot break out of the string literal', () => {
  const s = flagSnippets({ key: "a'b\\c", variants: [], hasPayload: false });
  assert.match(s.js, /isFeatureEnabled\('a\\'b\\\\c'\)/);
});
