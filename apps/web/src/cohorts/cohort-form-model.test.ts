import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CohortApi } from '@warren/shared/cohorts-api';
import type { PersonCriterion } from './cohort-definition-model';
import { cohortFormProblems, cohortFormState, cohortJsonBody, staticCohortUpload } from './cohort-form-model';

const stored = (patch: Partial<CohortApi>): CohortApi => ({
  id: 3,
  name: 'Pro',
  description: '',
  groups: [],
  filters: { properties: { type: 'OR', values: [{ type: 'AND', values: [{ type: 'person', key: 'plan', operator: 'exact', value: 'pro' }] }] } },
  query: null,
  deleted: false,
  is_calculating: false,
  last_calculation: null,
  errors_calculating: 0,
  last_error_message: null,
  count: 2,
  is_static: false,
  cohort_type: 'person_property',
  version: 1,
  created_by: null,
  created_at: '2025-01-01T00:00:00Z',
  experiment_set: [],
  ...patch,
});

test('a new dynamic cohort sends its name, kind and definition', () => {
  const state = cohortFormState(null);
  state.name = ' Paying customers ';
  const group = state.definition.groups[0]!;
  group.criteria[0] = { ...(group.criteria[0] as PersonCriterion), key: 'plan', value: 'pro' };
  assert.deepEqual(cohortJsonBody(state, null), {
    name: 'Paying customers',
    description: '',
    is_static: false,
    filters: { properties: { type: 'OR', values: [{ type: 'AND', values: [{ type: 'person', key: 'plan', operator: 'exact', value: 'pro' }] }] } },
  });
});

test('renaming a cohort does not send its definition again (which would recalculate it); changing the definition does', () => {
  const cohort = stored({});
  const state = { ...cohortFormState(cohort), name: 'Pro plan' };
  assert.deepEqual(cohortJsonBody(state, cohort), { name: 'Pro plan', description: '' });
  state.definition.type = 'AND';
  assert.equal((cohortJsonBody(state, cohort).filters as { properties: { type: string } }).properties.type, 'AND');
});

test('a static cohort sends no definition, and its upload is a multipart form with the file', async () => {
  const cohort = stored({ is_static: true, filters: {}, cohort_type: 'static' });
  assert.deepEqual(cohortJsonBody({ ...cohortFormState(cohort), description: 'from the CRM' }, cohort), { name: 'Pro', description: 'from the CRM' });
  const form = staticCohortUpload({ name: 'Beta ', description: '' }, new Blob(['distinct_id\nu1\n']), 'ids.csv');
  assert.deepEqual([form.get('name'), form.get('is_static')], ['Beta', 'true']);
  const file = form.get('csv') as File;
  assert.equal(file.name, 'ids.csv');
  assert.equal(await file.text(), 'distinct_id\nu1\n');
});

test('a cohort needs a name, and a dynamic one a complete definition', () => {
  assert.deepEqual(cohortFormProblems(cohortFormState(null)), ['Give the cohort a name.', 'Group 1, criterion 1: choose a person property.']);
  assert.deepEqual(cohortFormProblems({ ...cohortFormState(null), name: 'x', isStatic: true }), []);
});
