import type { RetentionRowApi } from '@warren/shared/retention-api';
import { useMemo } from 'react';
import { TimeSeriesChart } from '../../../charts/TimeSeriesChart';
import type { InsightResultProps } from '../insight-kind';
import { RetentionTable } from './RetentionTable';
import { retentionGrid } from './retention-grid-model';
import type { RetentionQuery } from './retention-query-model';

/** The retention grid, with the mean share retained per period drawn as a line above it. */
export function RetentionResult({ query, response, onShowActors, compact }: InsightResultProps<RetentionQuery>) {
  const rows = (Array.isArray(response.results) ? response.results : []) as RetentionRowApi[];
  const period = query.retentionFilter?.period ?? 'Day';
  const grid = useMemo(() => retentionGrid(rows, period), [rows, period]);
  const series = useMemo(() => [{ label: 'Mean retention (%)', data: grid.mean.map((m) => (m === null ? 0 : Math.round(m * 1000) / 10)) }], [grid]);
  if (grid.cohorts.length === 0) return <p className="muted">No cohorts in this date range.</p>;
  return (
    <div className="stack">
      <TimeSeriesChart type="line" labels={grid.periods} series={series} ariaLabel="Mean retention per period, in percent" height={compact ? 'fill' : 240} />
      <RetentionTable query={query} grid={grid} onShowActors={onShowActors} compact={compact} />
    </div>
  );
}
