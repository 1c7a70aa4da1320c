import type { DashboardInsightApi } from '@warren/shared/dashboards-api';
import { InsightResultView } from '../insights/InsightResultView';
import { tileInsightQuery } from './tile-content';
import { TileErrorBoundary } from './TileErrorBoundary';

/**
 * An insight tile's chart: the insight's query as the server merged the dashboard's filters into it, run and drawn by
 * the insight views in compact mode. `refreshKey` above zero forces a recalculation (the Refresh button).
 */
export function InsightTileBody({ projectId, insight, refreshKey }: { projectId: number; insight: DashboardInsightApi; refreshKey: number }) {
  const query = tileInsightQuery(insight);
  if (!query) {
    const kind = String((insight.query?.source as { kind?: string } | undefined)?.kind ?? insight.query?.kind ?? 'empty');
    return <p className="muted">This insight ({kind}) has no chart to show on a dashboard.</p>;
  }
  return (
    <TileErrorBoundary resetKey={`${JSON.stringify(query)}:${refreshKey}`}>
      <InsightResultView projectId={projectId} query={query} compact refreshKey={refreshKey} />
    </TileErrorBoundary>
  );
}
