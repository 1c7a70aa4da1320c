import { ErrorNotice } from '../components/ErrorNotice';
import { Spinner } from '../components/Spinner';
import { relativeTime } from '../components/relative-time';
import { useQueryResult } from '../api/run-query';
import type { InsightActorsSource, InsightQuery } from './kinds/insight-kind';
import { insightKind } from './kinds/registry';

interface Props {
  projectId: number;
  query: InsightQuery;
  onShowActors?: (source: InsightActorsSource, title: string) => void;
  compact?: boolean;
  /** Bump to force a recalculation (the refresh button). */
  refreshKey?: number;
}

/**
 * Runs an insight's query and draws it with its kind's view. While it runs: the seconds so far and a Cancel button,
 * which stops the polling and cancels the query on the server; a cancelled query can be started again.
 */
export function InsightResultView({ projectId, query, onShowActors, compact, refreshKey }: Props) {
  const result = useQueryResult(projectId, query, { refreshKey });
  const kind = insightKind(query.kind);
  if (result.isFetching && !result.data) {
    return (
      <div className="row query-progress">
        <Spinner label={`Calculating (${(result.elapsedMs / 1000).toFixed(1)} s)`} />
        <button type="button" className="small" onClick={result.cancel}>
          Cancel
        </button>
      </div>
    );
  }
  if (result.isError) return <ErrorNotice error={result.error} title="This insight could not be calculated" />;
  if (!result.data) {
    return (
      <div className="row query-progress" role="status">
        <span className="muted">Calculation cancelled.</span>
        <button type="button" className="small" onClick={() => void result.refetch()}>
          Calculate again
        </button>
      </div>
    );
  }
  return (
    <>
      <kind.Result projectId={projectId} query={query} response={result.data} onShowActors={onShowActors} compact={compact} />
      {!compact && result.data.last_refresh && (
        <p className="muted small result-freshness">
          {result.data.is_cached ? 'From cache, calculated ' : 'Calculated '}
          <time dateTime={result.data.last_refresh}>{relativeTime(result.data.last_refresh)}</time>
        </p>
      )}
    </>
  );
}
