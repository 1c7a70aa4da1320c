import { useMemo } from 'react';
import { SeriesChartView } from '../../result/SeriesChartView';
import type { InsightResultProps } from '../insight-kind';
import { lifecycleActorsSource, lifecycleRows } from './lifecycle-model';
import type { LifecycleQuery, LifecycleResult as Result } from './lifecycle-query';

/** New, returning and resurrecting persons stacked above the axis, dormant ones below, per interval. */
export function LifecycleResult({ query, response, onShowActors, compact }: InsightResultProps<LifecycleQuery>) {
  const results = (Array.isArray(response.results) ? response.results : []) as Result[];
  const { labels, rows } = useMemo(() => lifecycleRows(results, query), [results, query]);
  if (results.length === 0) return <p className="muted">No data for this query.</p>;
  const open = (rowIndex: number, index: number | null) => {
    const row = rows[rowIndex];
    if (!row || index === null || !onShowActors) return;
    const source = lifecycleActorsSource(query, results, row.status, index);
    if (source) onShowActors(source, `Persons: ${row.label.toLowerCase()} on ${labels[index]}`);
  };
  return (
    <SeriesChartView
      type="bar"
      stacked
      labels={labels}
      rows={rows}
      title="Lifecycle chart"
      rowHeader="Status"
      onShowPoint={onShowActors ? open : undefined}
      compact={compact}
      openTotal={false}
    />
  );
}
