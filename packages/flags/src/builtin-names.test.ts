import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EvaluationContext } from './evaluation-context.js';
import { evaluateFlag } from './evaluate-flag.js';
import { evaluateFlags, prepareFlagSet } from './evaluate-flags.js';
import type { FlagDefinition } from './flag-definition.js';
import { dependencyRefs } from './flag-dependencies.js';
import { matchProperty } from './match-property.js';
import { payloadFor } from './payload.js';
import { InconclusiveMatchError } from './inconclusive-match-error.js';
import { validateFlag } from './validate-flag.js';

// Group type names, flag keys and the keys of a request's maps are users' and clients' text: `constructor` must be a
// name like any other, not the built-in that every plain object answers to.

const groupFlag = (key: string): FlagDefinition =>
  ({
    key,
    active: true,
    filters: {
      aggregation_group_type_index: 0,
      groups: [{ properties: [{ key: 'plan', type: 'group', group_type_index: 0, operator: 'exact', value: ['enterprise'] }], rollout_percentage: 100 }],
    },
  }) as unknown as FlagDefinition;

const context = (overrides: Partial<EvaluationContext>): EvaluationContext => ({
  distinctId: 'someone',
  personProperties: {},
  groups: {},
  groupProperties: {},
  groupTypeMapping: { '0': 'constructor' },
  now: new Date('2026-01-01T00:00:00Z'),
  mode: 'remote',
  ...overrides,
});

test('a group type named constructor that the request does not name leaves the flag off (plain-object maps)', () => {
  const everyone = { ...groupFlag('everyone'), filters: { aggregation_group_type_index: 0, groups: [{ properties: [], rollout_percentage: 100 }] } } as FlagDefinition;
  const result = evaluateFlag(everyone, context({}));
  assert.equal(result.enabled, false, 'no group of the type was named, so there is nothing to roll out to');
  assert.equal(result.failed, false);
});

test('a group type named constructor that the request names is decided from its properties', () => {
  const result = evaluateFlag(
    groupFlag('enterprise'),
    context({ groups: { constructor: 'acme' }, groupProperties: { constructor: { plan: 'enterprise' } } }),
  );
  assert.equal(result.enabled, true);
});

test('an unknown group type index named like a built-in is unknown', () => {
  const result = evaluateFlag({ ...groupFlag('x'), filters: { ...groupFlag('x').filters, aggregation_group_type_index: 0 } }, context({ groupTypeMapping: {} }));
  assert.equal(result.enabled, false);
});

test('a flag keyed toString buckets by the distinct id when no continuity override is stored', () => {
  const flag = { key: 'toString', active: true, filters: { groups: [{ properties: [], rollout_percentage: 50 }] } } as unknown as FlagDefinition;
  const outcomes = Array.from({ length: 20 }, (_, i) => {
    const ctx = { distinctId: `user-${i}`, groupTypeMapping: {} };
    return [evaluateFlag(flag, context({ ...ctx, hashKeyOverrides: {} })).enabled, evaluateFlag(flag, context(ctx)).enabled];
  });
  for (const [withEmptyOverrides, without] of outcomes) assert.equal(withEmptyOverrides, without);
  assert.ok(outcomes.some(([on]) => on) && outcomes.some(([on]) => !on), 'a 50 % rollout splits the 20 ids');
});

const cohortFlag = (cohortId: string): FlagDefinition =>
  ({ key: 'in-cohort', active: true, filters: { groups: [{ properties: [{ key: 'id', type: 'cohort', value: cohortId }], rollout_percentage: 100 }] } }) as unknown as FlagDefinition;

test('a cohort filter whose value is a built-in name is a cohort that does not exist, not a crash or a match', () => {
  for (const id of ['constructor', 'toString', '__proto__']) {
    assert.deepEqual(dependencyRefs(cohortFlag(id), {}), [], id);
    const flags = [cohortFlag(id)];
    const result = evaluateFlags(flags, context({ cohorts: {} }), { prepared: prepareFlagSet(flags, {}) });
    const flag = result.flags.find((f) => f.key === 'in-cohort')!;
    assert.equal(flag.enabled, false, id);
    assert.equal(result.errorsWhileComputingFlags, true, `${id}: a missing cohort is an error, as for any unknown id`);
    assert.equal(validateFlag({ key: 'k', filters: cohortFlag(id).filters }, { cohorts: {} }).some((e) => e.code === 'cohort_does_not_exist'), true, id);
  }
});

test('a variant named __proto__ or constructor has the payload saved for it, or none', () => {
  const flag = { key: 'v', active: true, filters: { groups: [], payloads: JSON.parse('{"__proto__": "{\\"a\\":1}"}') } } as unknown as FlagDefinition;
  assert.equal(payloadFor(flag, '__proto__'), '{"a":1}');
  assert.equal(payloadFor(flag, 'constructor'), null);
  assert.equal(payloadFor({ ...flag, filters: { ...flag.filters, payloads: {} } }, '__proto__'), null);
});

test('flags keyed __proto__ that local evaluation cannot decide are listed as unresolved', () => {
  const flags = [{ key: '__proto__', active: true, filters: { groups: [{ properties: [{ key: 'plan', type: 'person', operator: 'exact', value: ['pro'] }], rollout_percentage: 100 }] } }] as unknown as FlagDefinition[];
  const result = evaluateFlags(flags, context({ mode: 'local' }), { prepared: prepareFlagSet(flags, {}) });
  assert.deepEqual(Object.keys(result.unresolved), ['__proto__']);
});

test('a property value whose toString cannot be called is matched as text, by every operator, remote and local', () => {
  const hostile = JSON.parse('{"toString": 1}');
  const operators = ['exact', 'is_not', 'icontains', 'not_icontains', 'regex', 'not_regex', 'gt', 'gte', 'lt', 'lte', 'is_set', 'is_not_set', 'is_date_before', 'is_date_after', 'semver_gt', 'semver_eq', 'starts_with', 'ends_with'];
  for (const operator of operators) {
    for (const mode of ['remote', 'local'] as const) {
      const filterValue = operator.startsWith('semver') ? '1.2.3' : operator.startsWith('is_date') ? '2024-01-01' : operator.endsWith('regex') ? 'obj' : 'obj';
      const run = () => matchProperty({ key: 'p', type: 'person', operator, value: filterValue } as never, { p: hostile, q: [hostile] }, { mode, now: new Date('2026-01-01T00:00:00Z') });
      try {
        const matched = run();
        assert.equal(typeof matched, 'boolean', `${operator} ${mode}`);
      } catch (error) {
        assert.ok(error instanceof InconclusiveMatchError, `${operator} ${mode}: ${(error as Error).message}`);
      }
    }
  }
  assert.equal(matchProperty({ key: 'p', type: 'person', operator: 'icontains', value: 'object' } as never, { p: hostile }, { mode: 'remote', now: new Date() }), true);
});
