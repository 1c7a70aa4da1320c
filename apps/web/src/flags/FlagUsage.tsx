import { useMemo, useState } from 'react';
import { useQueryResult } from '../api/run-query';
import { TimeSeriesChart } from '../charts/TimeSeriesChart';
import { ErrorNotice } from '../components/ErrorNotice';
import { Spinner } from '../components/Spinner';
import { USAGE_DAYS, usageChartData, usageQuery } from './flag-usage';

/**
 * How often SDKs asked for the flag over the last 30 days, by the value they got: the `$feature_flag_called` events
 * posthog-js and the server SDKs send the first time a user's code reads the flag.
 */
export function FlagUsage({ projectId, flagKey }: { projectId: number; flagKey: string }) {
  const [refreshKey, setRefreshKey] = useState(0);
  const query = useMemo(() => usageQuery(flagKey), [flagKey]);
  const result = useQueryResult(projectId, query, { refreshKey });
  const data = useMemo(() => usageChartData(result.data), [result.data]);
  return (
    <section className="card" aria-labelledby="flag-usage-title">
      <div className="condition-head">
        <h2 id="flag-usage-title" style={{ margin: 0 }}>
          Usage, last {USAGE_DAYS} days
        </h2>
        <button type="button" className="small" onClick={() => setRefreshKey((k) => k + 1)} disabled={result.isFetching}>
          Refresh
        </button>
      </div>
      {result.isFetching && !result.data ? (
        <div className="row">
          <Spinner label={`Counting flag calls (${(result.elapsedMs / 1000).toFixed(1)} s)`} />
          <button type="button" className="small" onClick={result.cancel}>
            Cancel
          </button>
        </div>
      ) : result.isError ? (
        <ErrorNotice error={result.error} title="The usage could not be counted" />
      ) : data.totals.length === 0 ? (
        <p className="muted">
          No calls reported yet. SDKs send a <code>$feature_flag_called</code> event the first time a user's code reads this flag; they show up here.
        </p>
      ) : (
        <>
          <TimeSeriesChart labels={data.labels} series={data.series} ariaLabel={`Calls of ${flagKey} per day by value returned`} height={240} />
          <table className="data flag-usage-table">
            <caption className="visually-hidden">Flag calls by value returned, last {USAGE_DAYS} days</caption>
            <thead>
              <tr>
                <th scope="col">Value returned</th>
                <th scope="col">Calls</th>
              </tr>
            </thead>
            <tbody>
              {data.totals.map((t) => (
                <tr key={t.value}>
                  <td className="mono">{t.value}</td>
                  <td>{t.calls.toLocaleString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
