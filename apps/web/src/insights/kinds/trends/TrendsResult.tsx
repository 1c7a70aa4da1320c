import { useMemo } from 'react';
import { TimeSeriesChart } from '../../../charts/TimeSeriesChart';
import { chartSummary, formatNumber } from '../../result/result-text';
import { SeriesChartView } from '../../result/SeriesChartView';
import type { InsightResultProps } from '../insight-kind';
import { BoldNumber, type BoldNumberItem } from './BoldNumber';
import { actorsSourceFor, actorsTitle, timeSeriesRows, totalValues, type TrendResult } from './trends-model';
import { displayOf, isTotalValueDisplay, type TrendsQuery } from './trends-query';

/** A trends response drawn the way the query's display says: line, bar, number, table or pie. */
export function TrendsResult({ query, response, onShowActors, compact }: InsightResultProps<TrendsQuery>) {
  const results = (Array.isArray(response.results) ? response.results : []) as TrendResult[];
  const display = displayOf(query);
  const open = (resultIndex: number, dayIndex: number | null) => {
    const result = results[resultIndex];
    const source = result && actorsSourceFor(query, result, dayIndex);
    if (source && onShowActors) onShowActors(source, actorsTitle(result, dayIndex));
  };
  const canOpen = Boolean(onShowActors) && !query.trendsFilter?.formula;
  const timeSeries = useMemo(() => timeSeriesRows(results), [results]);
  const totals = useMemo(() => totalValues(results), [results]);

  if (results.length === 0) return <p className="muted">No data for this query.</p>;

  if (!isTotalValueDisplay(display)) {
    return (
      <SeriesChartView
        type={display === 'ActionsBar' || display === 'ActionsStackedBar' ? 'bar' : 'line'}
        stacked={display === 'ActionsStackedBar'}
        labels={timeSeries.labels}
        rows={timeSeries.rows}
        title={`Trends ${display === 'ActionsBar' ? 'bar' : 'line'} chart`}
        rowHeader="Series"
        onShowPoint={canOpen ? open : undefined}
        compact={compact}
      />
    );
  }

  if (display === 'BoldNumber') {
    const current = results.map((r, i) => ({ r, i })).filter(({ r }) => r.compare_label !== 'previous');
    const items: BoldNumberItem[] = current.map(({ r, i }) => {
      const previous = results.find((p) => p.compare_label === 'previous' && p.label === r.label && p.action?.order === r.action?.order);
      return {
        label: r.label,
        value: r.aggregated_value ?? r.count,
        previous: previous ? (previous.aggregated_value ?? previous.count) : undefined,
        onShowActors: canOpen ? () => open(i, null) : undefined,
      };
    });
    return <BoldNumber items={items} compact={compact} />;
  }

  const valueTable = (
    <table className="data" aria-label="Trends values">
      <thead>
        <tr>
          <th scope="col">Series</th>
          <th scope="col">Value</th>
        </tr>
      </thead>
      <tbody>
        {totals.map((t) => (
          <tr key={t.resultIndex}>
            <th scope="row">{t.label}</th>
            <td>
              {canOpen ? (
                <button type="button" className="link-button cell-button" aria-label={`${formatNumber(t.value)}, ${t.label}: show persons`} onClick={() => open(t.resultIndex, null)}>
                  {formatNumber(t.value)}
                </button>
              ) : (
                formatNumber(t.value)
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );

  if (display === 'ActionsPie') {
    return (
      <div className="stack">
        <PieOfTotals totals={totals} onOpen={canOpen ? (i) => open(i, null) : undefined} compact={compact} />
        {!compact && valueTable}
      </div>
    );
  }
  return valueTable;
}

function PieOfTotals({ totals, onOpen, compact }: { totals: { label: string; value: number; resultIndex: number }[]; onOpen?: (resultIndex: number) => void; compact?: boolean }) {
  const series = useMemo(() => totals.map((t) => ({ label: t.label, data: [t.value] })), [totals]);
  const labels = useMemo(() => [''], []);
  return (
    <TimeSeriesChart
      type="pie"
      labels={labels}
      series={series}
      ariaLabel={chartSummary('Trends pie chart', totals.map((t) => ({ label: t.label, total: t.value })))}
      onPointClick={onOpen ? (sliceIndex) => onOpen(totals[sliceIndex]!.resultIndex) : undefined}
      height={compact ? 'fill' : 320}
    />
  );
}
