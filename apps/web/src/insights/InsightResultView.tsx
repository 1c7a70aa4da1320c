import { ErrorNotice } from '../components/ErrorNotice';
import { Spinner } from '../components/Spinner';
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

/** Runs an insight's query and draws its result with its kind's view; shows progress with a cancel button meanwhile. */
export function InsightResultView({ projectId, query, onShowActors, compact, refreshKey }: Props) {
  const result = useQueryResult(projectId, query, { refreshKey });
  const kind = insightKind(query.kind);
  if (result.isFetching && !result.data) {
    return (
      <div className="row">
        <Spinner label={`Calculating (${(result.elapsedMs / 1000).toFixed(1)} s)`} />
        <button type="button" className="small" onClick={result.cancel}>
          Cancel
        </button>
      </div>
    );
  }
  if (result.isError) return <ErrorNotice error={result.error} title="This insight could not be calculated" />;
  if (!result.data) return <p className="muted">Cancelled. Change the query or refresh to calculate again.</p>;
  return <kind.Result projectId={projectId} query={query} response={result.data} onShowActors={onShowActors} compact={compact} />;
}
