import { useMemo } from 'react';
import { SeriesChartView } from '../../result/SeriesChartView';
import type { InsightResultProps } from '../insight-kind';
import { stickinessActorsSource, stickinessRows } from './stickiness-model';
import type { StickinessQuery, StickinessResult as Result } from './stickiness-query';

/** How many persons were active in 1, 2, 3, … intervals of the range. */
export function StickinessResult({ query, response, onShowActors, compact }: InsightResultProps<StickinessQuery>) {
  const results = (Array.isArray(response.results) ? response.results : []) as Result[];
  const { labels, rows } = useMemo(() => stickinessRows(results), [results]);
  if (results.length === 0) return <p className="muted">No data for this query.</p>;
  const open = (rowIndex: number, index: number | null) => {
    const result = results[rowIndex];
    if (!result || index === null || !onShowActors) return;
    const source = stickinessActorsSource(query, result, index);
    if (source) onShowActors(source, `Persons: ${rows[rowIndex]!.label}, active ${labels[index]}`);
  };
  return (
    <SeriesChartView
      type="bar"
      labels={labels}
      rows={rows}
      title="Stickiness chart"
      rowHeader="Series"
      onShowPoint={onShowActors ? open : undefined}
      compact={compact}
      showTotal={false}
    />
  );
}
