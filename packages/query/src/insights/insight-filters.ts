import type { HExpr } from '../hogql/hogql-ast.js';
import { propertyFiltersToHogQL, type PropertyFilters } from '../hogql/property-filter.js';
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
  const options = { now: ctx.now, timezone: ctx.timezone };
  const properties = await propertyFiltersToHogQL(query.properties ?? undefined, options);
  if (properties) conditions.push(properties);
  if (query.filterTestAccounts && ctx.testAccountFilters.length > 0) {
    const testAccounts = await propertyFiltersToHogQL([...ctx.testAccountFilters], options);
    if (testAccounts) conditions.push(testAccounts);
  }
  return conditions;
}
