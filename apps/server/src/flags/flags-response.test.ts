import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateFlags, prepareFlagSet, type FlagsEvaluation } from '@warren/flags/evaluate-flags';
import type { EvaluationContext, Properties } from '@warren/flags/evaluation-context';
import type { FlagDefinition } from '@warren/flags/flag-definition';
import { flagsV2Body, type AnswerFragments } from './flags-response.js';

// A boolean flag with a payload decided by enrolment (same reason object, enabled or not), and a multivariate flag
// whose payload follows the variant: the cached entries must never lend one outcome's bytes to another.
const flags: FlagDefinition[] = [
  {
    id: 1, key: 'beta', name: 'Beta programme', active: true, version: 3,
    filters: { feature_enrollment: true, groups: [{ properties: [], rollout_percentage: 0 }], payloads: { true: '{"beta":1}' } },
  },
  {
    id: 2, key: 'checkout', name: null, active: true, version: 1,
    filters: {
      groups: [{ properties: [{ key: 'plan', value: 'pro', operator: 'exact', type: 'person' }], rollout_percentage: 100 }],
      multivariate: { variants: [{ key: 'control', rollout_percentage: 50 }, { key: 'test', rollout_percentage: 50 }] },
      payloads: { control: '"c"', test: '"t"' },
    },
  },
];
const metadata = new Map(flags.map((f) => [f.key, { id: f.id, version: f.version ?? null, description: f.name ?? null }]));
// Prepared once, as the server prepares a project's flag set: its results repeat as objects, so the entries cache hits.
const prepared = prepareFlagSet(flags);

function evaluate(distinctId: string, personProperties: Properties): FlagsEvaluation {
  const ctx: EvaluationContext = { distinctId, personProperties, groups: {}, groupProperties: {}, groupTypeMapping: {}, now: new Date(), mode: 'remote' };
  return evaluateFlags(flags, ctx, { prepared });
}

// The answer as it would be written without any caching.
function expectedFlags(result: FlagsEvaluation) {
  return Object.fromEntries(
    result.flags.map((r) => {
      const key = r.key;
      const meta = metadata.get(key)!;
      const entry = { key, enabled: r.enabled, variant: r.variant, reason: r.reason, metadata: { id: meta.id, version: meta.version, payload: r.payload, description: meta.description } };
      return [key, entry];
    }),
  );
}

test('cached answer entries match a fresh serialization for every outcome, in any order of requests', () => {
  const set = { metadata, fragments: new WeakMap() as AnswerFragments };
  const people: [string, Properties][] = [
    ['u1', { '$feature_enrollment/beta': true, plan: 'pro' }],
    ['u2', { '$feature_enrollment/beta': false, plan: 'pro' }],
    ['u3', { plan: 'free' }],
    ...Array.from({ length: 40 }, (_, i): [string, Properties] => [`person-${i}`, { plan: 'pro', '$feature_enrollment/beta': i % 2 === 0 }]),
  ];
  const variants = new Set<string | null>();
  for (const [id, properties] of [...people, ...people.reverse()]) {
    const result = evaluate(id, properties);
    const body = JSON.parse(flagsV2Body(result, set).toString('utf8'));
    assert.deepEqual(body.flags, expectedFlags(result), id);
    assert.equal(body.errorsWhileComputingFlags, false);
    assert.match(body.requestId, /^[0-9a-f-]{36}$/);
    variants.add(result.flags.find((r) => r.key === 'checkout')!.variant);
  }
  assert.deepEqual([...variants].sort(), ['control', 'test', null].sort(), 'the people cover both variants and no match');
});

test('remote config is merged in front of the flags, and an empty flag set is still valid JSON', () => {
  const set = { metadata, fragments: new WeakMap() as AnswerFragments };
  const result = evaluate('u1', { plan: 'pro' });
  const merged = JSON.parse(flagsV2Body(result, set, JSON.stringify({ supportedCompression: ['gzip'], autocapture_opt_out: false })).toString('utf8'));
  assert.deepEqual(merged.supportedCompression, ['gzip']);
  assert.deepEqual(merged.flags, expectedFlags(result));
  const empty = JSON.parse(flagsV2Body({ flags: [], unresolved: {}, errorsWhileComputingFlags: true }, set).toString('utf8'));
  assert.deepEqual(empty.flags, {});
  assert.equal(empty.errorsWhileComputingFlags, true);
});
