import type { DashboardListItemApi } from '@warren/shared/dashboards-api';
import { useState } from 'react';
import { Link } from 'react-router';
import { useProjectId } from '../app/use-project-id';
import { EmptyState } from '../components/EmptyState';
import { ListResult } from '../components/ListResult';
import { PageHeader } from '../components/PageHeader';
import { Pager } from '../components/Pager';
import { pageOf } from '../components/paging';
import { relativeTime } from '../components/relative-time';
import { SearchField } from '../components/SearchField';
import { useSearchPaging } from '../components/use-search-paging';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { CreateDashboardDialog } from './CreateDashboardDialog';
import { DASHBOARDS_PAGE_SIZE, useDashboardList, useDeleteDashboard } from './dashboard-requests';
import './dashboards.css';

/** `/project/:projectId/dashboards`: every dashboard of the project, searchable, with create and delete. */
export function Component() {
  const projectId = useProjectId();
  const { typed, setTyped, search, offset, setOffset } = useSearchPaging(250);
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<DashboardListItemApi | null>(null);
  const list = useDashboardList(projectId, search, offset);
  const remove = useDeleteDashboard(projectId);

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
      <div className="list-toolbar" role="search">
        <SearchField label="Search dashboards" value={typed} placeholder="Name or description" onChange={setTyped} />
      </div>
      <ListResult
        query={list}
        what="dashboards"
        empty={
          <EmptyState title={search ? 'No dashboard matches' : 'No dashboards yet'}>
            {search ? (
              <p>Try another word, or clear the search.</p>
            ) : (
              <>
                <p>A dashboard gathers saved insights and text notes on one page. Start blank, or from the product-analytics starter.</p>
                {newButton}
              </>
            )}
          </EmptyState>
        }
      >
        {(rows) => (
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
                {rows.map((d) => (
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
            <Pager label="Pages of dashboards" offset={offset} pageSize={DASHBOARDS_PAGE_SIZE} {...pageOf(list.data)} onChange={setOffset} />
          </>
        )}
      </ListResult>
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
