import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FlagDefinition } from '@warren/flags/flag-definition';
import type { CohortRecord } from './cohort-repository.js';
import { FlagCohorts } from './flag-cohorts.js';

const person = { type: 'person', key: 'plan', value: 'pro' };
const behavioral = { type: 'behavioral', value: 'performed_event', key: 'x', event_type: 'events', time_value: 7, time_interval: 'day' };
const nest = (id: number) => ({ type: 'cohort', key: 'id', value: id });

function cohort(id: number, values: object[] | null, extra: Partial<CohortRecord> = {}): CohortRecord {
  return {
    id, teamId: 1, name: `c${id}`, description: '', groups: [], isStatic: values === null, deleted: false,
    filters: values === null ? null : { properties: { type: 'AND', values: values as never } },
    version: 7, count: 1, isCalculating: false, lastCalculation: '2024-05-01T00:00:00Z', errorsCalculating: 0, lastError: null,
    createdAt: '', createdBy: null, updatedAt: '', ...extra,
  };
}
const flagOn = (...ids: number[]): FlagDefinition => ({ id: 1, key: 'f', active: true, filters: { groups: [{ properties: ids.map((id) => ({ ...nest(id) })) }] } });

test('only person-property cohorts (nested ones too) are inline; behavioural, static and cyclic ones are not', async () => {
  const records = [
    cohort(1, [person]), cohort(2, [nest(1), { type: 'OR', values: [person] }]), cohort(3, [behavioral]), cohort(4, [nest(3)]),
    cohort(5, null), cohort(6, [nest(7)]), cohort(7, [nest(6)]),
  ];
  const loads: number[] = [];
  const flagCohorts = new FlagCohorts({ records: async () => records }, { members: async (_t, id) => (loads.push(id), [`person-of-${id}`]) });
  const set = await flagCohorts.forFlags(1, [flagOn(2, 4, 5)]);
  assert.deepEqual(Object.keys(set.definitions).sort(), ['1', '2']);
  // Cohort 2 mixes a filter and a group on one level: the filter is wrapped, as posthog-node reads levels.
  assert.deepEqual(set.definitions['2'], { type: 'AND', values: [{ type: 'AND', values: [nest(1)] }, { type: 'OR', values: [person] }] });
  assert.deepEqual([...set.membership.keys()].sort(), ['4', '5'], 'only the precomputed cohorts the flags use');
  assert.deepEqual(loads.sort(), [4, 5]);
  assert.ok(set.membership.get('5')!.has('person-of-5'));
});

test('members are loaded once per calculation, again when the cohort changes', async () => {
  let records = [cohort(3, [behavioral])];
  let loads = 0;
  const flagCohorts = new FlagCohorts({ records: async () => records }, { members: async () => (loads++, ['p']) });
  await flagCohorts.forFlags(1, [flagOn(3)]);
  await flagCohorts.forFlags(1, [flagOn(3)]);
  assert.equal(loads, 1);
  records = [cohort(3, [behavioral], { version: 8, lastCalculation: '2024-05-02T00:00:00Z' })];
  await flagCohorts.forFlags(1, [flagOn(3)]);
  assert.equal(loads, 2);
  records = [cohort(3, [behavioral], { version: null })];
  assert.equal((await flagCohorts.forFlags(1, [flagOn(3)])).membership.get('3')!.size, 0, 'not calculated yet: nobody');
});
