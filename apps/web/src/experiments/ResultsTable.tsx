import type { ExperimentMetricType } from '@warren/shared/experiments-api';
import { IntervalAxis, IntervalBar } from './IntervalBar';
import { intervalScale, signedPercent, type VariantRow } from './results-model';

const count = new Intl.NumberFormat('en-US');
const VALUE_HEADINGS: Record<ExperimentMetricType, string> = { funnel: 'Conversion rate', mean: 'Mean per person', ratio: 'Ratio' };

/** Per-variant figures of one metric: exposures, the metric, the change vs control with its interval, and a verdict. */
export function ResultsTable({ rows, metricType, method, label }: { rows: VariantRow[]; metricType: ExperimentMetricType; method: 'bayesian' | 'frequentist'; label: string }) {
  const scale = intervalScale(rows.map((r) => r.interval));
  return (
    <table className="data experiment-results" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">Variant</th>
          <th scope="col">Exposures</th>
          <th scope="col">{VALUE_HEADINGS[metricType]}</th>
          <th scope="col">Change vs control</th>
          <th scope="col" className="interval-heading">
            {method === 'bayesian' ? '95% credible interval' : '95% confidence interval'}
            <IntervalAxis scale={scale} />
          </th>
          <th scope="col">{method === 'bayesian' ? 'Chance to win' : 'p-value'}</th>
          <th scope="col">What it says</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} className={row.winning ? 'variant-winning' : undefined}>
            <th scope="row" className="mono">
              {row.key}
            </th>
            <td>{count.format(row.exposures)}</td>
            <td>
              {row.valueText}
              {row.valueDetail && <span className="muted small block">{row.valueDetail}</span>}
            </td>
            <td>{row.delta === null ? '—' : signedPercent(row.delta)}</td>
            <td>
              <IntervalBar row={row} scale={scale} />
              {!row.isControl && <span className="muted small block">{row.intervalText}</span>}
            </td>
            <td>{row.evidenceText}</td>
            <td className="verdict">
              <span className="verdict-text">{row.verdict}</span>
              {row.peekingText && <span className="peeking"> {row.peekingText}</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
