import { hAnd, hCompare, hConstant, hField, type HExpr, type HSelectQuery } from '../hogql/hogql-ast.js';
import { HogQLError } from '../hogql/hogql-error.js';

/** A cohort queries may filter by: its current membership version in `cohort_people` (null: not calculated yet). */
export interface CohortRef {
  id: number;
  version: number | null;
}

/**
 * The persons of one membership version of a cohort, as a HogQL SELECT of `person_id` (the table is read through
 * the project guard like every other). @example cohortPeopleSelect(12, 3) // SELECT person_id FROM cohort_people WHERE …
 */
export function cohortPeopleSelect(cohortId: number, version: number): HSelectQuery {
  return {
    node: 'SelectQuery',
    select: [hField('person_id')],
    select_from: { node: 'JoinExpr', table: hField('cohort_people') },
    where: hAnd([hCompare('==', hField('cohort_id'), hConstant(cohortId)), hCompare('==', hField('version'), hConstant(version))]),
  };
}

/**
 * The `cohortCondition` of property filters: "this person is in cohort N", reading the version of its membership
 * that is current; an id the project does not have is refused (a 400 for the client).
 * @example cohortMembershipCondition(new Map([[12, { id: 12, version: 3 }]]))(12) // person_id IN (SELECT person_id FROM cohort_people …)
 */
export function cohortMembershipCondition(
  cohorts: ReadonlyMap<number, CohortRef> | undefined,
  person: HExpr = hField('person_id'),
): (cohortId: number) => HExpr {
  return (cohortId) => {
    const cohort = cohorts?.get(cohortId);
    if (!cohort) throw new HogQLError('resolution_error', `Cohort ${cohortId} does not exist`);
    // Nobody is in a cohort whose first calculation has not finished.
    if (cohort.version === null) return hConstant(false);
    return hCompare('in', person, cohortPeopleSelect(cohort.id, cohort.version));
  };
}
