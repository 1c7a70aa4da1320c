import type { DashboardApi, DashboardTileApi } from '@warren/shared/dashboards-api';
import { useMemo, useState } from 'react';
import { useParams } from 'react-router';
import { useProjectId } from '../app/use-project-id';
import { EmptyState } from '../components/EmptyState';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageHeader } from '../components/PageHeader';
import { relativeTime } from '../components/relative-time';
import { Spinner } from '../components/Spinner';
import { AddInsightDialog } from './AddInsightDialog';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { DashboardGrid } from './DashboardGrid';
import { useDashboard, useUpdateDashboard } from './dashboard-requests';
import { DateOverridePicker } from './DateOverridePicker';
import { dateOverrideLabel, dateOverrideOf, filtersWithDateRange, type DateOverride } from './date-override';
import { ShareDialog } from './ShareDialog';
import { TextTileDialog } from './TextTileDialog';
import { insightTitle, tileInsightQuery } from './tile-content';
import { gridLayout, newTileBox } from './tile-layout';
import { useTilesFreshness } from './use-tiles-freshness';
import './dashboards.css';

type Dialog = { kind: 'insight' } | { kind: 'text'; tile?: DashboardTileApi } | { kind: 'remove'; tile: DashboardTileApi } | { kind: 'share' };

/** `/project/:projectId/dashboards/:dashboardId`: the tiles, their arrangement, the shared date range, refresh and sharing. */
export function Component() {
  const projectId = useProjectId();
  const dashboardId = Number(useParams().dashboardId);
  const dashboard = useDashboard(projectId, dashboardId);
  if (dashboard.isPending) return <Spinner label="Loading dashboard" />;
  if (dashboard.isError) {
    return (
      <>
        <PageHeader title="Dashboard" />
        <ErrorNotice error={dashboard.error} title="The dashboard could not be loaded" />
      </>
    );
  }
  return <DashboardScreen projectId={projectId} dashboard={dashboard.data} />;
}

function DashboardScreen({ projectId, dashboard }: { projectId: number; dashboard: DashboardApi }) {
  const update = useUpdateDashboard(projectId, dashboard.id);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [arranging, setArranging] = useState(false);
  const [refreshKey, setRefreshKey] = useState(0);
  const dateRange = dateOverrideOf(dashboard.persisted_filters);
  const queries = useMemo(() => dashboard.tiles.flatMap((t) => (t.insight ? [tileInsightQuery(t.insight)].filter((q) => q !== null) : [])), [dashboard.tiles]);
  const freshness = useTilesFreshness(projectId, queries, refreshKey);
  const name = dashboard.name || 'Untitled dashboard';

  const open = (next: Dialog) => {
    update.reset();
    setDialog(next);
  };
  const close = () => setDialog(null);
  const placeNew = (kind: 'insight' | 'text') => ({ sm: newTileBox(gridLayout(dashboard.tiles), kind) });
  const setDateRange = (range: DateOverride) => update.mutate({ filters: filtersWithDateRange(dashboard.persisted_filters, range) });

  const actions = (
    <>
      <button type="button" onClick={() => update.mutate({ pinned: !dashboard.pinned })} aria-pressed={dashboard.pinned}>
        {dashboard.pinned ? 'Pinned' : 'Pin'}
      </button>
      <button type="button" onClick={() => open({ kind: 'share' })}>
        {dashboard.is_shared ? 'Shared' : 'Share'}
      </button>
      {dashboard.tiles.length > 0 && (
        <button type="button" className={arranging ? 'primary' : undefined} aria-pressed={arranging} onClick={() => setArranging(!arranging)}>
          {arranging ? 'Done arranging' : 'Arrange tiles'}
        </button>
      )}
    </>
  );

  return (
    <>
      <PageHeader title={name} actions={actions}>
        {dashboard.description || null}
      </PageHeader>
      <div className="dashboard-toolbar">
        <DateOverridePicker value={dateRange} pending={update.isPending} onChange={setDateRange} />
        <div className="dashboard-refresh">
          <button type="button" onClick={() => setRefreshKey((k) => k + 1)} disabled={freshness.refreshing || queries.length === 0}>
            {freshness.refreshing ? 'Refreshing…' : 'Refresh'}
          </button>
          <span className="muted small" role="status">
            {freshness.refreshing
              ? 'Calculating tiles'
              : freshness.lastRefresh
                ? `Last refreshed ${relativeTime(freshness.lastRefresh)}`
                : queries.length > 0
                  ? 'Not refreshed yet'
                  : ''}
          </span>
        </div>
        <div className="dashboard-add">
          <button type="button" onClick={() => open({ kind: 'insight' })}>
            Add insight
          </button>
          <button type="button" onClick={() => open({ kind: 'text' })}>
            Add text
          </button>
        </div>
      </div>
      {dateRange.from !== null && <p className="muted small dashboard-override-note">Every insight below shows {dateOverrideLabel(dateRange).toLowerCase()}, whatever its own dates.</p>}
      {arranging && <p className="notice dashboard-arrange-note">Drag a tile by its header or resize it from its bottom-right corner; or use each tile's arrow and size buttons. Changes save as you go.</p>}
      {update.isError && !dialog && <ErrorNotice error={update.error} title="The change was not saved" />}
      {dashboard.tiles.length === 0 ? (
        <EmptyState title="This dashboard is empty">
          <p>Add a saved insight, or a text tile for notes and context.</p>
          <div className="row dashboard-empty-actions">
            <button type="button" className="primary" onClick={() => open({ kind: 'insight' })}>
              Add insight
            </button>
            <button type="button" onClick={() => open({ kind: 'text' })}>
              Add text
            </button>
          </div>
        </EmptyState>
      ) : (
        <DashboardGrid
          projectId={projectId}
          tiles={dashboard.tiles}
          refreshKey={refreshKey}
          arranging={arranging}
          onLayoutsChange={(patches) => update.mutate({ tiles: patches })}
          onEditText={(tile) => open({ kind: 'text', tile })}
          onRemove={(tile) => open({ kind: 'remove', tile })}
        />
      )}

      {dialog?.kind === 'insight' && (
        <AddInsightDialog
          projectId={projectId}
          dashboardId={dashboard.id}
          pending={update.isPending}
          error={update.error}
          onClose={close}
          onAdd={(insightId) => update.mutate({ tiles: [{ insight: insightId, layouts: placeNew('insight') }] }, { onSuccess: close })}
        />
      )}
      {dialog?.kind === 'text' && (
        <TextTileDialog
          initial={dialog.tile ? (dialog.tile.text?.body ?? '') : undefined}
          pending={update.isPending}
          error={update.error}
          onClose={close}
          onSave={(body) => {
            const tile = dialog.tile;
            const patch = tile ? { id: tile.id, text: { id: tile.text?.id, body } } : { text: { body }, layouts: placeNew('text') };
            update.mutate({ tiles: [patch] }, { onSuccess: close });
          }}
        />
      )}
      {dialog?.kind === 'remove' && (
        <ConfirmDialog
          title="Remove tile"
          confirmLabel="Remove tile"
          pending={update.isPending}
          error={update.error}
          onClose={close}
          onConfirm={() => update.mutate({ tiles: [{ id: dialog.tile.id, deleted: true }] }, { onSuccess: close })}
        >
          {dialog.tile.insight ? (
            <>
              Remove <strong>{insightTitle(dialog.tile.insight)}</strong> from this dashboard? The insight stays saved.
            </>
          ) : (
            'Remove this text tile? Its text is deleted.'
          )}
        </ConfirmDialog>
      )}
      {dialog?.kind === 'share' && <ShareDialog projectId={projectId} dashboardId={dashboard.id} onClose={close} />}
    </>
  );
}
