import type { PropertyFilter } from '../components/property-filter-model';
import type { InsightQuery } from './kinds/insight-kind';

/**
 * The query as sent and saved: property filters still being typed (no property picked yet), at the top and on each
 * series, are left out rather than sent to be refused. Works for every kind (funnel steps are series too).
 * Example: runnableQuery({ kind: 'TrendsQuery', series: [], properties: [{ key: '', type: 'event' }] }).properties === undefined
 */
export function runnableQuery(query: InsightQuery): InsightQuery {
  const next: InsightQuery = { ...query };
  const properties = withoutBlank(query.properties);
  if (properties === undefined) delete next.properties;
  else next.properties = properties;
  if (Array.isArray(query.series)) {
    next.series = query.series.map((node: Record<string, unknown>) => {
      if (!Array.isArray(node?.properties)) return node;
      const { properties: _p, ...rest } = node;
      const kept = withoutBlank(node.properties);
      return kept === undefined ? rest : { ...rest, properties: kept };
    });
  }
  return next;
}

function withoutBlank(filters: unknown): PropertyFilter[] | undefined {
  if (!Array.isArray(filters)) return undefined;
  const kept = (filters as PropertyFilter[]).filter((f) => typeof f?.key !== 'string' || f.key.trim() !== '');
  return kept.length > 0 ? kept : undefined;
}
