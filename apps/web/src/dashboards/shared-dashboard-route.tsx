import type { CSSProperties } from 'react';
import { useParams } from 'react-router';
import { PageHeader } from '../components/PageHeader';
import { relativeTime } from '../components/relative-time';
import { SharedLinkError } from '../components/SharedLinkError';
import { Spinner } from '../components/Spinner';
import { useSharedDashboard } from './dashboard-requests';
import { dateOverrideLabel, dateOverrideOf } from './date-override';
import { SharedTile } from './SharedTile';
import { gridLayout, readingOrder } from './tile-layout';
import { oldestRefresh } from './tile-content';
import './dashboards.css';

/**
 * `/shared/:accessToken`: a shared dashboard for anyone with the link, outside the session guard. Read-only: the
 * tiles sit where the dashboard's 12-column layout puts them (a CSS grid, no dragging code), drawn from the results
 * the server computed for the link.
 */
export function Component() {
  const accessToken = useParams().accessToken ?? '';
  const shared = useSharedDashboard(accessToken);

  let content;
  if (shared.isPending) content = <Spinner label="Loading the shared dashboard" />;
  else if (shared.isError) content = <SharedLinkError error={shared.error} what="dashboard" />;
  else if (!('dashboard' in shared.data)) {
    content = (
      <>
        <PageHeader title="Shared insight" />
        <p>This link shares a single insight, which this page does not show yet.</p>
      </>
    );
  } else {
    const dashboard = shared.data.dashboard;
    const range = dateOverrideOf(dashboard.filters);
    const boxes = new Map(gridLayout(dashboard.tiles).map((b) => [b.i, b]));
    const ordered = readingOrder([...boxes.values()]);
    const byId = new Map(dashboard.tiles.map((t) => [String(t.id), t]));
    const refreshed = oldestRefresh(dashboard.tiles.map((t) => t.insight?.last_refresh));
    content = (
      <>
        <PageHeader title={dashboard.name || 'Untitled dashboard'}>{dashboard.description || null}</PageHeader>
        <p className="muted small">
          {range.from !== null && <>Date range: {dateOverrideLabel(range)}. </>}
          {refreshed && <>Calculated {relativeTime(refreshed)}.</>}
        </p>
        <div className="shared-grid">
          {ordered.map((box) => {
            const tile = byId.get(box.i)!;
            return (
              <div key={box.i} className="shared-grid-item" style={{ '--tile-column': `${box.x + 1} / span ${box.w}`, '--tile-row': `${box.y + 1} / span ${box.h}` } as CSSProperties}>
                <SharedTile tile={tile} projectId={dashboard.team_id} />
              </div>
            );
          })}
        </div>
      </>
    );
  }

  return (
    <div className="shared-page">
      <header className="shared-page-header">
        <span className="brand">Warren</span>
        <span className="badge">Shared dashboard · read-only</span>
      </header>
      <main id="main" className="page">
        {content}
      </main>
    </div>
  );
}
