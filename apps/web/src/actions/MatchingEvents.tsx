import type { ActionApi } from '@warren/shared/actions-api';
import { useQueryResult } from '../api/run-query';
import { ErrorNotice } from '../components/ErrorNotice';
import { MATCH_WINDOW_DAYS, matchingEventsCount, matchingEventsQuery } from './matching-events-query';

/**
 * How many events the saved action matched in the last 30 days. The action's change time is the refresh key, so a
 * saved change is counted afresh instead of read from the query cache.
 */
export function MatchingEvents({ projectId, action }: { projectId: number; action: ActionApi }) {
  const result = useQueryResult(projectId, matchingEventsQuery(action.id), { refreshKey: Date.parse(action.last_calculated_at) || 1 });
  return (
    <section className="card ca-matches" aria-labelledby="ca-matches-title">
      <h2 id="ca-matches-title">Matching events in the last {MATCH_WINDOW_DAYS} days</h2>
      <div role="status" aria-live="polite">
        {result.isFetching ? (
          <span className="muted">
            Counting… {result.elapsedMs >= 1000 && `${Math.round(result.elapsedMs / 1000)} s`}{' '}
            <button type="button" className="small" onClick={result.cancel}>
              Cancel
            </button>
          </span>
        ) : result.isError ? null : result.data ? (
          <>
            <strong className="ca-count">{matchingEventsCount(result.data).toLocaleString()}</strong> {matchingEventsCount(result.data) === 1 ? 'event' : 'events'}
          </>
        ) : null}
      </div>
      {result.isError && <ErrorNotice error={result.error} title="The matching events could not be counted" />}
      <p className="muted small">Counted for the saved steps; save a change to count it.</p>
    </section>
  );
}
