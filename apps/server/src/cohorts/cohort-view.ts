import { cohortKind } from '@warren/query/cohorts/cohort-definition';
import type { CohortApi } from '@warren/shared/cohorts-api';
import type { UserView } from '../actions/action-view.js';
import type { CohortRecord } from './cohort-repository.js';

/**
 * A cohort as PostHog's REST API shows it (rest-api.md 4.5). `count` is null until the first calculation or upload.
 * Example: cohortView(c, users).cohort_type === 'behavioral'.
 */
export function cohortView(cohort: CohortRecord, users: ReadonlyMap<number, UserView>): CohortApi {
  return {
    id: cohort.id,
    name: cohort.name,
    description: cohort.description,
    groups: cohort.groups,
    filters: cohort.filters ?? {},
    query: null,
    deleted: cohort.deleted,
    is_calculating: cohort.isCalculating,
    last_calculation: cohort.lastCalculation,
    errors_calculating: cohort.errorsCalculating,
    last_error_message: cohort.lastError,
    count: cohort.count,
    is_static: cohort.isStatic,
    cohort_type: cohort.isStatic ? 'static' : cohort.filters ? cohortKind(cohort.filters.properties) : 'person_property',
    version: cohort.version,
    created_by: cohort.createdBy === null ? null : (users.get(cohort.createdBy) ?? null),
    created_at: cohort.createdAt,
    experiment_set: [],
  };
}
