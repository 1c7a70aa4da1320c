import type { FunnelStepApi, FunnelTimeToConvertApi, FunnelTrendApi } from '@warren/shared/funnels-api';
import { useMemo } from 'react';
import type { InsightResultProps } from '../insight-kind';
import { FunnelBreakdownTable } from './FunnelBreakdownTable';
import { FunnelStepBars } from './FunnelStepBars';
import { FunnelTimeToConvert } from './FunnelTimeToConvert';
import { FunnelTrends } from './FunnelTrends';
import type { FunnelsQuery } from './funnel-query-model';
import { breakdownGroups, isBreakdownSteps, stepRows } from './funnel-results-model';

/** Draws a funnel response in the shape it came in (steps, steps by breakdown, time to convert, or trends). */
export function FunnelsResult({ query, response, onShowActors, compact }: InsightResultProps<FunnelsQuery>) {
  const results: unknown = response.results;
  const groups = useMemo(() => (isBreakdownSteps(results) ? breakdownGroups(results) : null), [results]);
  if (results && !Array.isArray(results) && Array.isArray((results as FunnelTimeToConvertApi).bins)) {
    return <FunnelTimeToConvert result={results as FunnelTimeToConvertApi} compact={compact} />;
  }
  if (!Array.isArray(results) || results.length === 0) {
    return <p className="muted">No one entered this funnel in the date range.</p>;
  }
  if (isTrends(results)) return <FunnelTrends query={query} results={results} onShowActors={onShowActors} compact={compact} />;
  if (groups) return <FunnelBreakdownTable query={query} groups={groups} onShowActors={compact ? undefined : onShowActors} />;
  return <FunnelStepBars query={query} rows={stepRows(results as FunnelStepApi[])} onShowActors={onShowActors} compact={compact} />;
}

function isTrends(results: unknown[]): results is FunnelTrendApi[] {
  const first = results[0] as Partial<FunnelTrendApi>;
  return !Array.isArray(first) && Array.isArray(first?.data) && Array.isArray(first?.days);
}
