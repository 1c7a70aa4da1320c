import type { CSSProperties } from 'react';
import { formatCount, formatPercent } from './web-format';
import { barFractions, type MetricColumn, type StatsTable as Table } from './web-stats-rows';

interface Props {
  caption: string;
  column: string;
  table: Table;
  compare: boolean;
  busy?: boolean;
  rowLabel: (value: unknown) => string;
  /** Filters the page by a row; rows are plain text without it. */
  onRowClick?: (value: unknown) => void;
}

/**
 * A breakdown as a real table: the value as a row header (a button that filters the page by it), the metrics after
 * it, and a bar behind each row sized by its visitors.
 */
export function StatsTable({ caption, column, table, compare, busy, rowLabel, onRowClick }: Props) {
  if (table.rows.length === 0) return <p className="muted web-empty">No data for this range and these filters.</p>;
  const bars = barFractions(table);
  return (
    <table className="data web-table" aria-busy={busy}>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{column}</th>
          {table.metrics.map((m) => (
            <th key={m.name} scope="col" className="num">
              {m.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((row, i) => {
          const label = rowLabel(row.value);
          return (
            <tr key={`${i}:${label}`} style={{ '--web-bar': `${Math.round(bars[i]! * 100)}%` } as CSSProperties}>
              <th scope="row" className="web-row-value">
                {onRowClick ? (
                  <button type="button" className="web-row-button" title={`Filter the page by ${label}`} onClick={() => onRowClick(row.value)}>
                    {label}
                  </button>
                ) : (
                  label
                )}
              </th>
              {row.cells.map(([current, previous], j) => (
                <td key={table.metrics[j]!.name} className="num">
                  {formatMetric(table.metrics[j]!, current)}
                  {compare && previous !== null && <span className="muted web-previous"> was {formatMetric(table.metrics[j]!, previous)}</span>}
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function formatMetric(metric: MetricColumn, value: number | null): string {
  return metric.format === 'fraction' ? formatPercent(value === null ? null : value * 100) : formatCount(value);
}
