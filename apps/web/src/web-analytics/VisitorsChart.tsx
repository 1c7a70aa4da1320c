import { useMemo } from 'react';
import { TimeSeriesChart } from '../charts/TimeSeriesChart';
import { ErrorNotice } from '../components/ErrorNotice';
import { Spinner } from '../components/Spinner';
import { chartSummary, visitorsChartModel, type ChartResult } from './visitors-chart-model';
import { formatCount } from './web-format';
import type { WebPageState } from './web-page-state';
import { visitorsChartQuery } from './web-queries';
import { useKeptData } from './use-kept-data';
import { useWebQuery } from './web-query-runner';

/** Visitors and pageviews over the range, the numbers also in a table that opens under the chart. */
export function VisitorsChart({ state, refreshKey }: { state: WebPageState; refreshKey: number }) {
  const result = useWebQuery(visitorsChartQuery(state), { refreshKey });
  const results = useKeptData(result.data, 'chart')?.results as ChartResult[] | undefined;
  const model = useMemo(() => visitorsChartModel(results ?? []), [results]);
  return (
    <section className="card web-chart" aria-labelledby="web-chart-title" aria-busy={result.isFetching}>
      <h2 id="web-chart-title">Visitors and pageviews</h2>
      {result.isError ? (
        <ErrorNotice error={result.error} title="The chart could not be loaded" />
      ) : !results ? (
        <Spinner label="Loading chart" />
      ) : (
        <>
          <TimeSeriesChart labels={model.labels} series={model.series} ariaLabel={chartSummary(model)} height={260} />
          <details className="web-chart-numbers">
            <summary>Show the numbers</summary>
            <div className="table-scroll">
              <table className="data">
                <caption className="visually-hidden">Visitors and pageviews by interval</caption>
                <thead>
                  <tr>
                    <th scope="col">Interval</th>
                    {model.series.map((s) => (
                      <th key={s.label} scope="col">
                        {s.label}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {model.labels.map((label, i) => (
                    <tr key={label}>
                      <th scope="row">{label}</th>
                      {model.series.map((s) => (
                        <td key={s.label}>{formatCount(s.data[i] ?? 0)}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </section>
  );
}
