import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CohortGroupApi } from '@warren/shared/cohorts-api';
import {
  definitionFromApi,
  definitionProblems,
  definitionToApi,
  emptyDefinition,
  newCriterion,
  nextUid,
  type BehavioralCriterion,
  type Definition,
} from './cohort-definition-model';

const behaviour = (patch: Partial<BehavioralCriterion>): BehavioralCriterion => ({ ...(newCriterion('behavioral') as BehavioralCriterion), ...patch });
const uid = nextUid;
/** The form without the editor's row keys. */
const unkeyed = (definition: Definition) => JSON.parse(JSON.stringify(definition, (k, v) => (k === 'uid' ? undefined : v)));

test('a person property, a counted behaviour and a nested cohort become the body PostHog takes', () => {
  const definition: Definition = {
    type: 'OR',
    groups: [
      {
        uid: uid(),
        type: 'AND',
        criteria: [
          { uid: uid(), kind: 'person', key: ' plan ', operator: 'exact', value: 'pro' },
          behaviour({ value: 'performed_event_multiple', key: '$pageview', countOperator: 'gte', count: 3, timeValue: 7 }),
        ],
      },
      { uid: uid(), type: 'AND', criteria: [{ uid: uid(), kind: 'cohort', cohortId: 4, negated: true }] },
    ],
  };
  assert.deepEqual(definitionToApi(definition), {
    type: 'OR',
    values: [
      {
        type: 'AND',
        values: [
          { type: 'person', key: 'plan', operator: 'exact', value: 'pro' },
          { type: 'behavioral', value: 'performed_event_multiple', event_type: 'events', key: '$pageview', time_value: 7, time_interval: 'day', operator: 'gte', operator_value: 3 },
        ],
      },
      { type: 'AND', values: [{ type: 'cohort', key: 'id', value: 4, negation: true }] },
    ],
  });
});

test('a behaviour without a count sends no operator, an action sends its id as a number, and is_set sends no value', () => {
  const body = definitionToApi({
    type: 'AND',
    groups: [
      {
        uid: uid(),
        type: 'OR',
        criteria: [
          behaviour({ value: 'not_performed_event', eventType: 'actions', key: '12', timeValue: 2, timeInterval: 'week' }),
          { uid: uid(), kind: 'person', key: 'email', operator: 'is_set', value: 'left over' },
        ],
      },
    ],
  });
  assert.deepEqual(body.values[0], {
    type: 'OR',
    values: [
      { type: 'behavioral', value: 'not_performed_event', event_type: 'actions', key: 12, time_value: 2, time_interval: 'week' },
      { type: 'person', key: 'email', operator: 'is_set', value: null },
    ],
  });
});

test('a stored definition reads back into the same form, and writes back unchanged', () => {
  const stored: CohortGroupApi = {
    type: 'OR',
    values: [
      {
        type: 'AND',
        values: [
          { type: 'person', key: 'plan', operator: 'exact', value: 'pro' },
          { type: 'behavioral', value: 'performed_event', event_type: 'events', key: 'signed_up', time_value: 30, time_interval: 'day' },
          { type: 'cohort', key: 'id', value: 3, negation: false },
        ],
      },
    ],
  };
  const form = definitionFromApi(stored);
  assert.deepEqual(form.groups[0]!.criteria.map((c) => c.kind), ['person', 'behavioral', 'cohort']);
  assert.deepEqual(definitionToApi(form), stored);
});

test('what the editor cannot show as fields is kept and written back as it was', () => {
  const deeper = { type: 'AND' as const, values: [{ type: 'person', key: 'a', value: 'b' }] };
  const explicitRange = { type: 'behavioral', value: 'performed_event', event_type: 'events' as const, key: 'x', explicit_datetime: '-3d' };
  const negatedPerson = { type: 'person', key: 'plan', value: 'free', negation: true };
  const stored: CohortGroupApi = { type: 'AND', values: [{ type: 'OR', values: [deeper, explicitRange, negatedPerson] }] };
  const form = definitionFromApi(stored);
  assert.deepEqual(form.groups[0]!.criteria.map((c) => c.kind), ['other', 'other', 'other']);
  assert.deepEqual(definitionToApi(form), stored);
});

test('criteria at the top level become groups of one, and legacy cohort filters read as in / not in', () => {
  const form = definitionFromApi({
    type: 'AND',
    values: [
      { type: 'person', key: 'plan', value: 'pro' },
      { type: 'precalculated-cohort', key: 'id', value: '7', operator: 'not_in' },
    ],
  });
  assert.equal(form.type, 'AND');
  assert.deepEqual(unkeyed(form).groups, [
    { type: 'AND', criteria: [{ kind: 'person', key: 'plan', operator: 'exact', value: 'pro' }] },
    { type: 'AND', criteria: [{ kind: 'cohort', cohortId: 7, negated: true }] },
  ]);
});

test('an empty or missing definition opens as one empty person criterion', () => {
  assert.deepEqual(unkeyed(definitionFromApi(undefined)), unkeyed(emptyDefinition()));
  assert.deepEqual(unkeyed(definitionFromApi({ type: 'OR', values: [] })), unkeyed(emptyDefinition()));
});

test('problems name the group and criterion to fix', () => {
  assert.deepEqual(definitionProblems(emptyDefinition()), ['Group 1, criterion 1: choose a person property.']);
  assert.deepEqual(definitionProblems({ type: 'OR', groups: [{ uid: uid(), type: 'AND', criteria: [] }] }), ['Add at least one criterion.']);
  const counted = behaviour({ value: 'performed_event_multiple', key: 'x', count: 0, timeValue: 1.5 });
  const noCohort = { uid: uid(), kind: 'cohort' as const, cohortId: null, negated: false };
  assert.deepEqual(definitionProblems({ type: 'OR', groups: [{ uid: uid(), type: 'AND', criteria: [noCohort, counted] }] }), [
    'Group 1, criterion 1: choose a cohort.',
    'Group 1, criterion 2: the time window is a whole number of at least 1.',
    'Group 1, criterion 2: the number of times is a whole number of at least 1.',
  ]);
});
