import { hAnd, hCall, hConstant, hField, hNot, hOr, type HExpr, type HSelectQuery } from '../hogql/hogql-ast.js';
import { HogQLError } from '../hogql/hogql-error.js';
import { propertyFiltersToHogQL } from '../hogql/property-filter.js';
import type { InsightContext } from '../insights/insight-context.js';
import { compileInsightStatement } from '../insights/insight-statement.js';
import { propertyFilterOptions } from '../insights/insight-filters.js';
import { behavioralCondition } from './behavioral-condition.js';
import { cohortMembershipCondition, type CohortRef } from './cohort-condition.js';
import { cohortIdOf, isBehavioral, isCohortGroup, type CohortGroup, type CohortLeaf, type CohortPropertyFilter } from './cohort-definition.js';

/** A cohort of the project as membership computation sees it: static ones have only stored members. */
export interface KnownCohort extends CohortRef {
  isStatic: boolean;
  /** The dynamic definition; null for static cohorts. */
  definition: CohortGroup | null;
}

/** What a membership query is compiled against: the project's context, with every cohort a definition may nest. */
export type CohortCompileContext = Omit<InsightContext, 'cohorts'> & { cohorts: ReadonlyMap<number, KnownCohort> };

/** The alias of the persons table in a membership query; `person.properties.x` filters read it directly. */
const PERSON = 'person';

/**
 * The persons (latest version, not deleted, after merges) a dynamic cohort definition selects, as a HogQL SELECT
 * of `person_id`. Nested dynamic cohorts are inlined (so they are as fresh as this one), static ones read their
 * stored members; a cohort reaching itself is refused.
 * @example await cohortMembershipQuery({ type: 'AND', values: [{ type: 'person', key: 'plan', value: 'pro' }] }, ctx, 12)
 * // SELECT person.id AS person_id FROM persons AS person WHERE person.properties.plan = 'pro'
 */
export async function cohortMembershipQuery(definition: CohortGroup, ctx: CohortCompileContext, selfId?: number): Promise<HSelectQuery> {
  const visiting = new Set<number>(selfId === undefined ? [] : [selfId]);
  const where = await groupCondition(definition, ctx, visiting);
  return {
    node: 'SelectQuery',
    select: [{ node: 'Alias', alias: 'person_id', expr: hField(PERSON, 'id') }],
    select_from: { node: 'JoinExpr', table: hField('persons'), alias: PERSON },
    where,
  };
}

// As PostHog's flag engine reads a property group: an empty AND matches everyone, an empty OR no one.
async function groupCondition(group: CohortGroup, ctx: CohortCompileContext, visiting: Set<number>): Promise<HExpr> {
  const parts: HExpr[] = [];
  for (const entry of group.values) {
    parts.push(isCohortGroup(entry) ? await groupCondition(entry, ctx, visiting) : await leafCondition(entry, ctx, visiting));
  }
  if (parts.length === 0) return hConstant(group.type === 'AND');
  return group.type === 'AND' ? hAnd(parts) : hOr(parts);
}

async function leafCondition(leaf: CohortLeaf, ctx: CohortCompileContext, visiting: Set<number>): Promise<HExpr> {
  if (isBehavioral(leaf)) {
    const negated = Boolean(leaf.negation) !== (leaf.value === 'not_performed_event');
    return negateIf(negated, await behavioralCondition(leaf, ctx, hField(PERSON, 'id')));
  }
  if (leaf.type === 'cohort') {
    const negated = Boolean(leaf.negation) !== (leaf.operator === 'not_in');
    return negateIf(negated, await nestedCohortCondition(leaf, ctx, visiting));
  }
  const condition = await propertyFiltersToHogQL([{ ...leaf, type: 'person', negation: undefined }], propertyFilterOptions(ctx));
  return negateIf(Boolean(leaf.negation), condition ?? hConstant(true));
}

async function nestedCohortCondition(leaf: CohortPropertyFilter, ctx: CohortCompileContext, visiting: Set<number>): Promise<HExpr> {
  const id = cohortIdOf(leaf.value, 'A cohort filter value');
  const nested = ctx.cohorts.get(id);
  if (!nested) throw new HogQLError('resolution_error', `Cohort ${id} does not exist`);
  if (visiting.has(id)) throw new HogQLError('unsupported', `Cohort ${id} refers to itself through its nested cohorts`);
  if (nested.isStatic || !nested.definition) return cohortMembershipCondition(ctx.cohorts, hField(PERSON, 'id'))(id);
  visiting.add(id);
  try {
    return await groupCondition(nested.definition, ctx, visiting);
  } finally {
    visiting.delete(id);
  }
}

// A missing property makes a condition NULL, which WHERE reads as false; negated, it must read as true.
function negateIf(negated: boolean, condition: HExpr): HExpr {
  return negated ? hNot(hCall('ifNull', condition, hConstant(0))) : condition;
}

/**
 * Checks that a definition compiles against the project (known nested cohorts and actions, no cycle, valid
 * filters) without running it. @example await assertCohortCompiles(definition, ctx, 12)
 */
export async function assertCohortCompiles(definition: CohortGroup, ctx: CohortCompileContext, selfId?: number): Promise<void> {
  compileInsightStatement(await cohortMembershipQuery(definition, ctx, selfId), ctx);
}
