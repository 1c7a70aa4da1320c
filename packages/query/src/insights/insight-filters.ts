import { cohortMembershipCondition } from '../cohorts/cohort-condition.js';
import type { HExpr } from '../hogql/hogql-ast.js';
import { propertyFiltersToHogQL, type PropertyFilterOptions, type PropertyFilters } from '../hogql/property-filter.js';
import type { InsightContext } from './insight-context.js';

/** The filters every insight query takes at its top level (`InsightsQueryBase`). */
export interface InsightFilters {
  properties?: PropertyFilters | null;
  filterTestAccounts?: boolean | null;
}

/**
 * The conditions a query's top-level filters add to every series: its properties and, when asked, the project's
 * test-account filters. @example await insightFilterConditions({ filterTestAccounts: true }, ctx) // [NOT internal …]
 */
export async function insightFilterConditions(query: InsightFilters, ctx: InsightContext): Promise<HExpr[]> {
  const conditions: HExpr[] = [];
  const options = propertyFilterOptions(ctx);
  const properties = await propertyFiltersToHogQL(query.properties ?? undefined, options);
  if (properties) conditions.push(properties);
  if (query.filterTestAccounts && ctx.testAccountFilters.length > 0) {
    const testAccounts = await propertyFiltersToHogQL([...ctx.testAccountFilters], options);
    if (testAccounts) conditions.push(testAccounts);
  }
  return conditions;
}

/**
 * What property filters of an insight need from its context: "now" and the timezone for relative dates, and the
 * project's cohorts for cohort filters (the event's person, after merges, in the cohort's current membership).
 * @example await propertyFiltersToHogQL(filters, propertyFilterOptions(ctx))
 */
export function propertyFilterOptions(ctx: Pick<InsightContext, 'now' | 'timezone' | 'cohorts'>): PropertyFilterOptions {
  return { now: ctx.now, timezone: ctx.timezone, cohortCondition: cohortMembershipCondition(ctx.cohorts) };
}
