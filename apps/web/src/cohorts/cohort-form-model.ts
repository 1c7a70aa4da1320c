import type { CohortApi, CohortGroupApi } from '@warren/shared/cohorts-api';
import { definitionFromApi, definitionProblems, definitionToApi, emptyDefinition, type Definition } from './cohort-definition-model';

/** What the cohort form edits. */
export interface CohortFormState {
  name: string;
  description: string;
  isStatic: boolean;
  definition: Definition;
}

/** The form of a stored cohort, or of a new dynamic one. */
export function cohortFormState(cohort: CohortApi | null): CohortFormState {
  if (!cohort) return { name: '', description: '', isStatic: false, definition: emptyDefinition() };
  return { name: cohort.name, description: cohort.description, isStatic: cohort.is_static, definition: definitionFromApi(cohort.filters.properties) };
}

/** What must be fixed before saving, one sentence each. */
export function cohortFormProblems(state: CohortFormState): string[] {
  const problems = state.name.trim() === '' ? ['Give the cohort a name.'] : [];
  return state.isStatic ? problems : [...problems, ...definitionProblems(state.definition)];
}

/**
 * The JSON body of a create (`cohort` null) or update. An update sends the definition only when it changed, because
 * every definition sent starts a recalculation.
 * Example: cohortJsonBody({ name: 'Pro', description: '', isStatic: false, definition }, null)
 *   -> { name: 'Pro', description: '', is_static: false, filters: { properties: { type: 'OR', values: [...] } } }
 */
export function cohortJsonBody(state: CohortFormState, cohort: CohortApi | null): Record<string, unknown> {
  const body: Record<string, unknown> = { name: state.name.trim(), description: state.description };
  if (!cohort) body.is_static = state.isStatic;
  if (state.isStatic) return body;
  const properties = definitionToApi(state.definition);
  if (!cohort || !sameDefinition(properties, definitionToApi(definitionFromApi(cohort.filters.properties)))) body.filters = { properties };
  return body;
}

/** The multipart form that creates a static cohort from a CSV file (PostHog's upload form). */
export function staticCohortUpload(state: Pick<CohortFormState, 'name' | 'description'>, csv: Blob, fileName: string): FormData {
  const form = new FormData();
  form.set('name', state.name.trim());
  form.set('description', state.description);
  form.set('is_static', 'true');
  form.set('csv', csv, fileName);
  return form;
}

/** The multipart form that adds a CSV's persons to an existing static cohort. */
export function csvAddition(csv: Blob, fileName: string): FormData {
  const form = new FormData();
  form.set('csv', csv, fileName);
  return form;
}

function sameDefinition(a: CohortGroupApi, b: CohortGroupApi): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
