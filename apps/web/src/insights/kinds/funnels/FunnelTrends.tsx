import type { FunnelTrendApi } from '@warren/shared/funnels-api';
import { useMemo } from 'react';
import { TimeSeriesChart } from '../../../charts/TimeSeriesChart';
import type { InsightActorsSource } from '../insight-kind';
import type { FunnelsQuery } from './funnel-query-model';
import { trendActors, trendLines } from './funnel-results-model';

interface Props {
  query: FunnelsQuery;
  results: FunnelTrendApi[];
  onShowActors?: (source: InsightActorsSource, title: string) => void;
  compact?: boolean;
}

/** Conversion rate of those entering in each period, as a line per breakdown value (or one), with its table. */
export function FunnelTrends({ query, results, onShowActors, compact }: Props) {
  const lines = useMemo(() => trendLines(results), [results]);
  return (
    <div className="stack">
      <TimeSeriesChart
        type="line"
        labels={lines.labels}
        series={lines.series}
        ariaLabel="Conversion rate over time"
        height={compact ? 'fill' : 300}
        onPointClick={
          onShowActors
            ? (seriesIndex, labelIndex) => {
                const day = lines.days[labelIndex];
                if (day === undefined) return;
                onShowActors(trendActors(query, day, false, results[seriesIndex]?.breakdown_value), `Persons who entered on ${lines.labels[labelIndex]} and converted`);
              }
            : undefined
        }
      />
      {!compact && (
        <table className="data funnel-trends-table">
          <thead>
            <tr>
              <th scope="col">Entered in</th>
              {lines.series.map((s) => (
                <th key={s.label} scope="col">
                  {s.label === 'Conversion rate (%)' ? 'Conversion rate' : `${s.label} conversion`}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {lines.labels.map((label, i) => (
              <tr key={i}>
                <th scope="row">{label}</th>
                {lines.series.map((s) => (
                  <td key={s.label}>{`${s.data[i] ?? 0}%`}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
