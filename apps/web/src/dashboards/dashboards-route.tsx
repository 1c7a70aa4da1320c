import type { DashboardListItemApi } from '@warren/shared/dashboards-api';
import { useState } from 'react';
import { Link } from 'react-router';
import { useProjectId } from '../app/use-project-id';
import { EmptyState } from '../components/EmptyState';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageHeader } from '../components/PageHeader';
import { relativeTime } from '../components/relative-time';
import { Spinner } from '../components/Spinner';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { CreateDashboardDialog } from './CreateDashboardDialog';
import { DASHBOARDS_PAGE_SIZE, useDashboardList, useDeleteDashboard } from './dashboard-requests';
import { useDebouncedValue } from '../components/use-debounced-value';
import './dashboards.css';

/** `/project/:projectId/dashboards`: every dashboard of the project, searchable, with create and delete. */
export function Component() {
  const projectId = useProjectId();
  const [search, setSearch] = useState('');
  const [offset, setOffset] = useState(0);
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<DashboardListItemApi | null>(null);
  const query = useDebouncedValue(search.trim(), 250);
  const list = useDashboardList(projectId, query, offset);
  const remove = useDeleteDashboard(projectId);
  const count = list.data?.count ?? 0;

  const newButton = (
    <button type="button" className="primary" onClick={() => setCreating(true)}>
      New dashboard
    </button>
  );

  return (
    <>
      <PageHeader title="Dashboards" actions={newButton}>
        Insights and notes side by side, arranged as you like, shareable by link.
      </PageHeader>
      <div className="row dashboards-toolbar">
        <label className="field dashboards-search">
          <span>Search dashboards</span>
          <input
            type="search"
            value={search}
            placeholder="Name or description"
            onChange={(e) => {
              setSearch(e.target.value);
              setOffset(0);
            }}
          />
        </label>
      </div>
      {list.isPending && <Spinner label="Loading dashboards" />}
      {list.isError && <ErrorNotice error={list.error} title="The dashboards could not be loaded" />}
      {list.data && list.data.results.length === 0 && (
        <EmptyState title={query ? 'No dashboard matches' : 'No dashboards yet'}>
          {query ? (
            <p>Try another word, or clear the search.</p>
          ) : (
            <>
              <p>A dashboard gathers saved insights and text notes on one page. Start blank, or from the product-analytics starter.</p>
              {newButton}
            </>
          )}
        </EmptyState>
      )}
      {list.data && list.data.results.length > 0 && (
        <>
          <table className="data dashboards-table" aria-label="Dashboards">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Description</th>
                <th scope="col">Tiles</th>
                <th scope="col">Created by</th>
                <th scope="col">Last modified</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.results.map((d) => (
                <tr key={d.id}>
                  <td>
                    <Link to={`/project/${projectId}/dashboards/${d.id}`}>{d.name || 'Untitled dashboard'}</Link>
                    {d.pinned && <span className="badge dashboards-badge">Pinned</span>}
                    {d.is_shared && <span className="badge badge-success dashboards-badge">Shared</span>}
                  </td>
                  <td className="dashboards-description">{d.description || <span className="muted">—</span>}</td>
                  <td>{d.tiles_count}</td>
                  <td>{d.created_by ? d.created_by.first_name || d.created_by.email : <span className="muted">—</span>}</td>
                  <td>
                    <time dateTime={d.last_modified_at} title={new Date(d.last_modified_at).toLocaleString()}>
                      {relativeTime(d.last_modified_at)}
                    </time>
                  </td>
                  <td>
                    <button type="button" className="small danger" onClick={() => setDeleting(d)} aria-label={`Delete ${d.name || 'Untitled dashboard'}`}>
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {count > DASHBOARDS_PAGE_SIZE && (
            <nav className="row dashboards-pages" aria-label="Pages of dashboards">
              <button type="button" className="small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - DASHBOARDS_PAGE_SIZE))}>
                Previous
              </button>
              <span className="muted">
                {offset + 1}–{Math.min(offset + DASHBOARDS_PAGE_SIZE, count)} of {count}
              </span>
              <button type="button" className="small" disabled={offset + DASHBOARDS_PAGE_SIZE >= count} onClick={() => setOffset(offset + DASHBOARDS_PAGE_SIZE)}>
                Next
              </button>
            </nav>
          )}
        </>
      )}
      {creating && <CreateDashboardDialog projectId={projectId} onClose={() => setCreating(false)} />}
      {deleting && (
        <ConfirmDialog
          title="Delete dashboard"
          confirmLabel="Delete dashboard"
          pending={remove.isPending}
          error={remove.error}
          onClose={() => {
            setDeleting(null);
            remove.reset();
          }}
          onConfirm={() => remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })}
        >
          Delete <strong>{deleting.name || 'Untitled dashboard'}</strong>? Its insights stay saved; only the dashboard goes.
        </ConfirmDialog>
      )}
    </>
  );
}
