import type { DashboardTileApi } from '@warren/shared/dashboards-api';
import { insightKind } from '../insights/kinds/registry';
import { sharedResponse, tileInsightQuery, insightTitle } from './tile-content';
import { TextTileBody } from './TextTileBody';
import { TileErrorBoundary } from './TileErrorBoundary';

/**
 * A tile of a shared dashboard, read-only: the insight drawn from the result the server computed for the link (a
 * visitor without a session cannot run queries), or the text.
 */
export function SharedTile({ tile, projectId }: { tile: DashboardTileApi; projectId: number }) {
  const insight = tile.insight;
  const query = insight ? tileInsightQuery(insight) : null;
  const name = insight ? insightTitle(insight) : 'Text';
  let body;
  if (!insight) body = <TextTileBody body={tile.text?.body ?? null} />;
  else if (tile.error) body = <p className="muted">This insight could not be calculated: {tile.error.message}</p>;
  else if (!query) body = <p className="muted">This insight has no chart to show here.</p>;
  else if (insight.result === null || insight.result === undefined) body = <p className="muted">No result yet.</p>;
  else {
    const Result = insightKind(query.kind).Result;
    body = (
      <TileErrorBoundary resetKey={String(insight.last_refresh)}>
        <Result projectId={projectId} query={query} response={sharedResponse(insight)} compact />
      </TileErrorBoundary>
    );
  }
  return (
    <article className={`dashboard-tile${tile.text ? ' text-tile' : ''}`} aria-label={name}>
      <header className="dashboard-tile-header">
        <div className="dashboard-tile-title">
          {insight ? <h2>{name}</h2> : <h2 className="visually-hidden">Text</h2>}
          {insight?.description && <p className="muted small">{insight.description}</p>}
        </div>
      </header>
      <div className="dashboard-tile-body">{body}</div>
    </article>
  );
}
