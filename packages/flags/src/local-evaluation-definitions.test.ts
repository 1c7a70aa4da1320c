import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FlagDefinition } from './flag-definition.js';
import { buildLocalEvaluationDefinitions } from './local-evaluation-definitions.js';

const dependsOn = (ref: string) => [{ properties: [{ key: ref, type: 'flag', operator: 'flag_evaluates_to', value: true }] }];
const flags: FlagDefinition[] = [
  { id: 1, key: 'base', active: false, filters: { groups: [{ properties: [] }] } },
  { id: 2, key: 'middle', active: true, filters: { groups: dependsOn('1') } },
  { id: 3, key: 'top', active: true, filters: { groups: dependsOn('2') } },
  { id: 4, key: 'loop-a', active: true, filters: { groups: dependsOn('5') } },
  { id: 5, key: 'loop-b', active: true, filters: { groups: dependsOn('4') } },
  { id: 6, key: 'gone', active: true, deleted: true, filters: { groups: [] } },
  { id: 7, key: 'early-access', active: true, filters: { groups: [{ properties: [] }], feature_enrollment: true } },
  { id: 8, key: 'unused-off', active: false, filters: { groups: [] } },
];

test('flag filters are served by key with the dependency chain the SDK evaluates first', () => {
  const served = buildLocalEvaluationDefinitions(flags, { '0': 'company' });
  const top = served.flags.find((flag) => flag.key === 'top')!;
  assert.deepEqual(top.filters.groups![0].properties![0], { key: 'middle', type: 'flag', operator: 'flag_evaluates_to', value: true, dependency_chain: ['base', 'middle'] });
  const loop = served.flags.find((flag) => flag.key === 'loop-a')!;
  assert.deepEqual(loop.filters.groups![0].properties![0].dependency_chain, []);
  assert.deepEqual(served.group_type_mapping, { '0': 'company' });
});

test('serves every flag that is not deleted, switched-off ones included', () => {
  const keys = buildLocalEvaluationDefinitions(flags, {}).flags.map((flag) => flag.key);
  assert.deepEqual(keys, ['base', 'middle', 'top', 'loop-a', 'loop-b', 'early-access', 'unused-off']);
});

test('flags using what posthog-node ignores make the SDK ask the server', () => {
  const served = buildLocalEvaluationDefinitions(flags, {}).flags;
  assert.equal(served.find((flag) => flag.key === 'early-access')!.ensure_experience_continuity, true);
  assert.equal(served.find((flag) => flag.key === 'top')!.ensure_experience_continuity, false);
});
