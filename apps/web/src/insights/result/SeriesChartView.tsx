import { useMemo, useState } from 'react';
import { TimeSeriesChart, type ChartSeries } from '../../charts/TimeSeriesChart';
import { PointChooser } from './PointChooser';
import { chartSummary } from './result-text';
import { SeriesDataTable } from './SeriesDataTable';

export interface ChartRow {
  label: string;
  values: number[];
  total: number;
  /** Drawn dashed (a previous period). */
  dashed?: boolean;
}

interface Props {
  type: 'line' | 'bar';
  stacked?: boolean;
  labels: string[];
  rows: ChartRow[];
  /** "Trends line chart", "Lifecycle", … for screen readers and the table's label. */
  title: string;
  rowHeader: string;
  /** Opens the persons of a row at an interval (null: the whole range); absent where there are none to open. */
  onShowPoint?: (rowIndex: number, labelIndex: number | null) => void;
  compact?: boolean;
  showTotal?: boolean;
  /** Whether a row's total opens the persons of the whole range. */
  openTotal?: boolean;
}

/**
 * A line or bar chart of rows over intervals with the same numbers in a table under it. Clicking the chart at an
 * interval opens that point's persons; when several rows cross there, a chooser asks whose.
 */
export function SeriesChartView({ type, stacked, labels, rows, title, rowHeader, onShowPoint, compact, showTotal = true, openTotal = true }: Props) {
  const [chosenIndex, setChosenIndex] = useState<number | null>(null);
  // The chart redraws only when the numbers change, not on every render of the page around it.
  const series = useMemo<ChartSeries[]>(() => rows.map((r) => ({ label: r.label, data: r.values, dashed: r.dashed })), [rows]);
  const clickPoint = (rowIndex: number, labelIndex: number) => {
    if (!onShowPoint) return;
    if (rows.length === 1) onShowPoint(rowIndex, labelIndex);
    else setChosenIndex(labelIndex);
  };
  const choices = chosenIndex === null ? [] : rows.map((r, rowIndex) => ({ label: r.label, value: r.values[chosenIndex] ?? 0, rowIndex })).filter((c) => c.value !== 0);
  return (
    <div className="stack">
      <TimeSeriesChart
        labels={labels}
        series={series}
        type={type}
        stacked={stacked}
        ariaLabel={chartSummary(title, rows)}
        onPointClick={onShowPoint ? clickPoint : undefined}
        height={compact ? 'fill' : 320}
      />
      {chosenIndex !== null && onShowPoint && (
        <PointChooser
          when={labels[chosenIndex] ?? ''}
          choices={choices}
          onChoose={(rowIndex) => {
            setChosenIndex(null);
            onShowPoint(rowIndex, chosenIndex);
          }}
          onDismiss={() => setChosenIndex(null)}
        />
      )}
      {!compact && <SeriesDataTable caption={`${title}: numbers`} rowHeader={rowHeader} labels={labels} rows={rows} onCellClick={onShowPoint} showTotal={showTotal} openTotal={openTotal} />}
    </div>
  );
}
