import type { FunnelTimeToConvertApi } from '@warren/shared/funnels-api';
import { TimeSeriesChart } from '../../../charts/TimeSeriesChart';
import { timeToConvertBars } from './funnel-results-model';
import { formatCount, formatDuration } from './number-format';

/** How long conversions took: average and median, and a histogram of persons by time taken. */
export function FunnelTimeToConvert({ result, compact }: { result: FunnelTimeToConvertApi; compact?: boolean }) {
  const { labels, counts } = timeToConvertBars(result);
  if (labels.length === 0) return <p className="muted">No one converted between these steps in the date range.</p>;
  return (
    <div className="stack">
      <p className="funnel-summary">
        Average time to convert <strong>{formatDuration(result.average_conversion_time)}</strong> · median <strong>{formatDuration(result.median_conversion_time)}</strong>
      </p>
      <TimeSeriesChart
        type="bar"
        labels={labels}
        series={[{ label: 'Persons', data: counts }]}
        ariaLabel="Histogram of persons by time to convert"
        height={compact ? 'fill' : 300}
      />
      {!compact && (
        <table className="data funnel-ttc-table">
          <thead>
            <tr>
              <th scope="col">Time to convert (from)</th>
              <th scope="col">Persons</th>
            </tr>
          </thead>
          <tbody>
            {labels.map((label, i) => (
              <tr key={i}>
                <td>{label}</td>
                <td>{formatCount(counts[i]!)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
