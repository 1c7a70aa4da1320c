import { HogQLError } from '../hogql/hogql-error.js';
import type { PropertyFilter, PropertyFilters } from '../hogql/property-filter.js';
import { optionalEnum, optionalObject } from '../insights/field-checks.js';
import type { InsightContext } from '../insights/insight-context.js';
import type { InsightPlan } from '../insights/insight-statement.js';
import type { SeriesNode } from '../insights/series.js';
import { planTrends, type TrendsQuery } from '../insights/trends/trends-query.js';
import type { TrendResult } from '../insights/trends/trends-shape.js';
import type { WebQueryBase } from './web-spec.js';

export const WEB_VITALS_METRICS = ['INP', 'LCP', 'CLS', 'FCP'] as const;
export const WEB_VITALS_PERCENTILES = ['p75', 'p90', 'p99'] as const;
export type WebVitalsMetric = (typeof WEB_VITALS_METRICS)[number];
export type WebVitalsPercentile = (typeof WEB_VITALS_PERCENTILES)[number];

/**
 * PostHog's WebVitalsQuery: a wrapper whose `source` is a TrendsQuery of `$web_vitals` series, one per metric, each a
 * percentile of `$web_vitals_<METRIC>_value`. Without a source Warren builds PostHog's (INP, LCP, CLS, FCP at
 * `percentile`, p90 by default) from the wrapper's range and filters.
 */
export interface WebVitalsQuery extends WebQueryBase {
  kind: 'WebVitalsQuery';
  source?: TrendsQuery | null;
  percentile?: WebVitalsPercentile | null;
  interval?: TrendsQuery['interval'];
}

/** The source PostHog's web app sends: the four metrics at one percentile. @example webVitalsSeries('p75')[1].math_property // '$web_vitals_LCP_value' */
export function webVitalsSeries(percentile: WebVitalsPercentile): SeriesNode[] {
  return WEB_VITALS_METRICS.map((metric) => ({
    kind: 'EventsNode',
    event: '$web_vitals',
    name: '$web_vitals',
    custom_name: metric,
    math: percentile,
    math_property: `$web_vitals_${metric}_value`,
  }));
}

// Crawlers that run scripts send vitals too; ingestion marks them `$is_bot` and web analytics leaves them out.
const NOT_A_BOT: PropertyFilter = { type: 'event', key: '$is_bot', operator: 'is_not', value: ['true'] };

/**
 * Compiles a WebVitalsQuery by running its TrendsQuery source (or the default one) with bot events left out. Results
 * are the trends results: per metric `data` by day, `days`, and `action` with the metric as `custom_name` and the
 * percentile as `math` (PostHog's `WebVitalsItem`).
 * @example await planWebVitals({ kind: 'WebVitalsQuery', dateRange: { date_from: '-7d' }, properties: [], percentile: 'p75' }, ctx)
 */
export async function planWebVitals(query: WebVitalsQuery, ctx: InsightContext): Promise<InsightPlan<TrendResult[]>> {
  const source = optionalObject<TrendsQuery>(query.source, 'source') ?? defaultSource(query);
  if (source.kind !== 'TrendsQuery') throw new HogQLError('unsupported', 'WebVitalsQuery.source must be a TrendsQuery');
  return planTrends({ ...source, properties: withoutBots(source.properties) }, ctx);
}

function defaultSource(query: WebVitalsQuery): TrendsQuery {
  const percentile = optionalEnum(query.percentile, 'percentile', WEB_VITALS_PERCENTILES) ?? 'p90';
  return {
    kind: 'TrendsQuery',
    series: webVitalsSeries(percentile),
    interval: query.interval ?? 'day',
    dateRange: query.dateRange ?? null,
    properties: query.properties ?? [],
    filterTestAccounts: query.filterTestAccounts ?? null,
    compareFilter: query.compareFilter ?? null,
  };
}

function withoutBots(properties: PropertyFilters | null | undefined): PropertyFilters {
  if (properties === null || properties === undefined) return [NOT_A_BOT];
  if (Array.isArray(properties)) return [...properties, NOT_A_BOT];
  return { type: 'AND', values: [properties, NOT_A_BOT] };
}
