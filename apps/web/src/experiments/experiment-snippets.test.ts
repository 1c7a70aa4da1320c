import assert from 'node:assert/strict';
import { test } from 'node:test';
import { experimentSnippets } from './experiment-snippets';

const base = { flagKey: 'checkout', variants: ['control', 'test'], exposureEvent: null, metricEvents: ['purchase'] };

test('each SDK reads the variant (which sends the exposure) and branches on every non-control variant', () => {
  const s = experimentSnippets({ ...base, variants: ['control', 'test', 'b'] });
  assert.match(s.js, /posthog\.onFeatureFlags\(\(\) => \{\n {4}if \(posthog\.getFeatureFlag\('checkout'\) === 'test'\) \{\n {8}\/\/ the test variant\n {4}\} else if \(posthog\.getFeatureFlag\('checkout'\) === 'b'\) \{/);
  assert.match(s.node, /const variant = await posthog\.getFeatureFlag\('checkout', distinctId\)\n\nif \(variant === 'test'\) \{/);
  assert.match(s.python, /variant = posthog\.get_feature_flag\('checkout', distinct_id\)\n\nif variant == 'test':\n {4}# the test variant\n {4}pass\nelif variant == 'b':/);
  assert.match(s.python, /else:\n {4}# control: what users see today\n {4}pass/);
});

test('metric events are captured once each; PostHog events ($pageview…) are left to the SDK', () => {
  const s = experimentSnippets({ ...base, metricEvents: ['purchase', '$pageview', ' purchase '] });
  assert.equal(s.js.match(/posthog\.capture\('purchase'\)/g)?.length, 1);
  assert.match(s.node, /posthog\.capture\(\{ distinctId, event: 'purchase' \}\)/);
  assert.match(s.python, /posthog\.capture\(distinct_id=distinct_id, event='purchase'\)/);
  for (const code of Object.values(s)) assert.doesNotMatch(code, /capture\([^)]*\$pageview/);
});

test('a custom exposure event is sent by the code; the default exposure is not', () => {
  const custom = experimentSnippets({ ...base, exposureEvent: 'viewed checkout' });
  assert.match(custom.js, /posthog\.capture\('viewed checkout'\)/);
  assert.match(custom.node, /event: 'viewed checkout'/);
  assert.match(custom.python, /event='viewed checkout'/);
  assert.doesNotMatch(experimentSnippets(base).js, /exposure event/);
});

test('quotes in keys and event names cannot break out of the string literal', () => {
  const s = experimentSnippets({ ...base, flagKey: "a'b", metricEvents: ["it's"] });
  assert.match(s.js, /getFeatureFlag\('a\\'b'\)/);
  assert.match(s.python, /event='it\\'s'/);
});
