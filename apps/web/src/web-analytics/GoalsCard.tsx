import type { WebStatsTableResponseApi } from '@warren/shared/web-analytics-api';
import { Link } from 'react-router';
import { ApiError } from '../api/api-client';
import { ErrorNotice } from '../components/ErrorNotice';
import { Spinner } from '../components/Spinner';
import { StatsTable } from './StatsTable';
import type { WebPageState } from './web-page-state';
import { goalsQuery } from './web-queries';
import { statsTable } from './web-stats-rows';
import { useKeptData } from './use-kept-data';
import { useWebQuery, useWebQueryRunner } from './web-query-runner';

/**
 * The project's actions as goals (WebGoalsQuery). A server that does not know that query yet answers "unsupported
 * query kind", and then the card is left out rather than shown broken.
 */
export function GoalsCard({ state, refreshKey }: { state: WebPageState; refreshKey: number }) {
  const { projectId } = useWebQueryRunner();
  const result = useWebQuery(goalsQuery(state), { refreshKey });
  const data = useKeptData(result.data, 'goals');
  if (result.isError && isUnsupported(result.error)) return null;
  const table = data ? statsTable(data as WebStatsTableResponseApi) : null;
  return (
    <section className="card web-card" aria-labelledby="web-goals-title">
      <header className="web-card-header">
        <h2 id="web-goals-title">Goals</h2>
      </header>
      {result.isError ? (
        <ErrorNotice error={result.error} title="Goals could not be loaded" />
      ) : !table ? (
        <Spinner label="Loading goals" />
      ) : table.rows.length === 0 && projectId === null ? (
        <p className="muted web-empty">No goals.</p>
      ) : table.rows.length === 0 ? (
        <p className="muted web-empty">
          Goals are <Link to={`/project/${projectId}/actions`}>actions</Link>: define one (a signup, a purchase page) to see who reaches it.
        </p>
      ) : (
        <StatsTable caption="Goals" column="Goal" table={table} compare={state.compare} busy={result.isFetching} rowLabel={(v) => String(v ?? '(none)')} />
      )}
    </section>
  );
}

function isUnsupported(error: unknown): boolean {
  return error instanceof ApiError && error.status === 400 && /unsupported query kind/i.test(error.detail);
}
