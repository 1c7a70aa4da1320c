import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HogQLError } from '../hogql/hogql-error.js';
import { cohortKind, legacyGroupsToCohortGroup, nestedCohortIds, parseCohortGroup } from './cohort-definition.js';

const refused = (raw: unknown, detail: RegExp) =>
  assert.throws(() => parseCohortGroup(raw), (e: unknown) => e instanceof HogQLError && e.code === 'unsupported' && detail.test(e.detail));

test('a property group parses into canonical leaves; cohort ids as digit strings are accepted', () => {
  const group = parseCohortGroup({
    type: 'OR',
    values: [
      { type: 'AND', values: [{ type: 'person', key: 'plan', value: 'pro' }, { type: 'cohort', key: 'id', value: '12', operator: 'not_in' }] },
      { type: 'AND', values: [{ type: 'behavioral', value: 'performed_event_multiple', key: '$pageview', time_value: '30', time_interval: 'day', operator: 'gte', operator_value: 3 }] },
    ],
  });
  assert.equal(cohortKind(group), 'behavioral');
  assert.deepEqual(nestedCohortIds(group), [12]);
  const behavioral = (group.values[1] as unknown as { values: Record<string, unknown>[] }).values[0];
  assert.deepEqual([behavioral.event_type, behavioral.time_value, behavioral.operator_value], ['events', 30, 3]);
  assert.equal(cohortKind(parseCohortGroup({ type: 'AND', values: [{ type: 'person', key: 'plan', value: 'pro' }] })), 'person_property');
});

test('bad shapes are refused with the place named', () => {
  refused({ type: 'XOR', values: [] }, /properties.type/);
  refused({ type: 'AND', values: [{ type: 'event', key: 'x', value: 1 }] }, /values\[0\].type/);
  refused({ type: 'AND', values: [{ type: 'cohort', key: 'id', value: "1 OR 1=1" }] }, /cohort id/);
  refused({ type: 'AND', values: [{ type: 'behavioral', value: 'performed_event_regularly', key: 'x', time_value: 1, time_interval: 'day' }] }, /not supported yet/);
  refused({ type: 'AND', values: [{ type: 'behavioral', value: 'performed_event', key: 'x', time_value: 0, time_interval: 'day' }] }, /time_value/);
  refused({ type: 'AND', values: [{ type: 'behavioral', value: 'performed_event', key: 'x', time_value: 3, time_interval: 'fortnight' }] }, /time_interval/);
  refused({ type: 'AND', values: [{ type: 'behavioral', value: 'performed_event_multiple', key: 'x', time_value: 3, time_interval: 'day', operator: 'gte', operator_value: 0 }] }, /operator_value/);
  refused({ type: 'AND', values: [{ type: 'behavioral', value: 'performed_event', key: 'x', event_type: 'actions', time_value: 3, time_interval: 'day' }] }, /cohort id/);
  let deep: object = { type: 'AND', values: [] };
  for (let i = 0; i < 12; i++) deep = { type: 'AND', values: [deep] };
  refused(deep, /nested/);
});

test('legacy groups become an OR of AND groups: properties, and events or actions within days, counted or not', () => {
  const group = legacyGroupsToCohortGroup([
    { properties: [{ key: 'plan', value: 'pro', type: 'person' }] },
    { event_id: '$pageview', days: 7, count: 3, count_operator: 'gte' },
    { action_id: 4 },
  ]);
  assert.equal(group.type, 'OR');
  assert.deepEqual(group.values[0], { type: 'AND', values: [{ key: 'plan', value: 'pro', type: 'person' }] });
  assert.deepEqual((group.values[1] as { values: object[] }).values[0], {
    type: 'behavioral', key: '$pageview', event_type: 'events', value: 'performed_event_multiple', time_value: 7, time_interval: 'day', operator: 'gte', operator_value: 3,
  });
  const action = (group.values[2] as unknown as { values: Record<string, unknown>[] }).values[0];
  assert.deepEqual([action.event_type, action.key, action.value, action.time_value, action.time_interval], ['actions', 4, 'performed_event', 100, 'year']);
  assert.throws(() => legacyGroupsToCohortGroup([{ nonsense: true }]), HogQLError);
  assert.throws(() => legacyGroupsToCohortGroup('x'), HogQLError);
});
