import type { HExpr } from '../hogql/hogql-ast.js';
import type { PropertyFilter, PropertyFilters } from '../hogql/property-filter.js';
import { resolvedDateRangeJson } from '../insights/date-range.js';
import { optionalBoolean } from '../insights/field-checks.js';
import { insightFilterConditions } from '../insights/insight-filters.js';
import type { InsightPlan } from '../insights/insight-statement.js';
import { breakdownDefinition } from './web-breakdowns.js';
import { pathCleaningRules, type PathCleaningContext } from './web-path-cleaning.js';
import { readWebStatsSettings, type WebStatsTableQuery } from './web-stats-settings.js';
import { shapeStatsTable, statsColumns } from './web-stats-shape.js';
import { compileWebStatement } from './web-session-join.js';
import { statsTableQuery, tableUsesRollups } from './web-stats-sql.js';
import { liveSessionDays, rollupDaysForBoth } from './web-rollups.js';
import { readWebQuery, sessionWindowOfBoth } from './web-spec.js';

export type { WebStatsTableQuery } from './web-stats-settings.js';

/**
 * Compiles a WebStatsTableQuery: one table of visitors, views and bounce rate (or conversions, with a goal) per
 * value of `breakdownBy`, for the sessions begun in the range and, with compare, the period before, in a single
 * statement; sorted, limited and offset in the engine. `extra` carries `columns`, `limit`, `offset` and, once shaped,
 * `hasMore`.
 * @example await planWebStatsTable({ kind: 'WebStatsTableQuery', breakdownBy: 'Page', dateRange: { date_from: '-7d' } }, ctx)
 */
export async function planWebStatsTable(query: WebStatsTableQuery, ctx: PathCleaningContext): Promise<InsightPlan<unknown[][]>> {
  const spec = await readWebQuery(query, ctx);
  const settings = readWebStatsSettings(query, spec.goal !== null);
  const rules = pathCleaningRules(optionalBoolean(query.doPathCleaning, 'doPathCleaning'), ctx);
  const days = tableUsesRollups({ spec, settings, rules }) ? (ctx.webRollupDays ?? []) : [];
  const rolled = rollupDaysForBoth(days, spec.current, spec.previous);
  const used = rolled.current;
  const ast = await statsTableQuery({
    spec,
    settings,
    breakdown: breakdownDefinition(settings.breakdown, rules),
    rules,
    previousPageFilters: settings.breakdown === 'Page' ? await previousPageFilters(query, ctx) : [],
    rolled,
    now: ctx.now,
  });
  const periods = [spec.current, ...(spec.previous ? [spec.previous] : [])];
  const window = used.length === 0 ? sessionWindowOfBoth(spec) : { ...sessionWindowOfBoth(spec), days: liveSessionDays(periods, used) };
  const extra: Record<string, unknown> = {
    columns: statsColumns(settings.metrics),
    hasMore: false,
    limit: settings.limit,
    offset: settings.offset,
    samplingRate: { numerator: 1 },
    resolved_date_range: resolvedDateRangeJson(spec.current),
  };
  return {
    statements: [compileWebStatement(ast, ctx, window)],
    shape(results) {
      const table = shapeStatsTable(results[0], settings, spec.previous !== null);
      extra.hasMore = table.hasMore;
      return table.results;
    },
    extra,
  };
}

/**
 * The query's filters for the page-left join: scroll depth and time on page belong to the page left, so a top-level
 * `$pathname` filter applies to `$prev_pageview_pathname` there (groups are kept as they are).
 */
async function previousPageFilters(query: WebStatsTableQuery, ctx: PathCleaningContext): Promise<HExpr[]> {
  const properties: PropertyFilters | null | undefined = Array.isArray(query.properties)
    ? query.properties.map((p) => (isPathnameFilter(p) ? { ...(p as PropertyFilter), key: '$prev_pageview_pathname' } : p))
    : query.properties;
  return insightFilterConditions({ properties, filterTestAccounts: query.filterTestAccounts }, ctx);
}

function isPathnameFilter(filter: unknown): boolean {
  const f = filter as { type?: unknown; key?: unknown } | null;
  return f !== null && typeof f === 'object' && (f.type === 'event' || f.type === undefined) && f.key === '$pathname';
}
