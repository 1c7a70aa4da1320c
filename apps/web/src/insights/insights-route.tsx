import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useProjectId } from '../app/use-project-id';
import { EmptyState } from '../components/EmptyState';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageHeader } from '../components/PageHeader';
import { Spinner } from '../components/Spinner';
import { InsightsTable } from './InsightsTable';
import { INSIGHTS_PAGE_SIZE, useInsightList } from './insight-requests';
import { useDebouncedValue } from '../components/use-debounced-value';
import './insights.css';

/** `/insights`: the saved insights, searchable and paged, and the way to a new one. */
export function Component() {
  const projectId = useProjectId();
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [offset, setOffset] = useState(0);
  const settledSearch = useDebouncedValue(search.trim(), 300);
  const list = useInsightList(projectId, settledSearch, offset);
  const count = list.data?.count ?? 0;
  const rows = list.data?.results ?? [];

  return (
    <>
      <PageHeader
        title="Insights"
        actions={
          <button type="button" className="primary" onClick={() => navigate(`/project/${projectId}/insights/new`)}>
            New insight
          </button>
        }
      >
        Saved trends, funnels, retention, paths, stickiness and lifecycle charts.
      </PageHeader>
      <div className="stack">
        <label className="field insights-search">
          <span>Search insights</span>
          <input
            type="search"
            value={search}
            placeholder="name, description or tag"
            onChange={(e) => {
              setSearch(e.target.value);
              setOffset(0);
            }}
          />
        </label>
        {list.isError ? (
          <ErrorNotice error={list.error} title="The insights could not be listed" />
        ) : list.isLoading ? (
          <Spinner label="Loading insights" />
        ) : rows.length === 0 ? (
          settledSearch ? (
            <p className="muted">No insight matches “{settledSearch}”.</p>
          ) : (
            <EmptyState title="No saved insights yet">
              <p>An insight answers a question about your events: how many pageviews a day, who signs up and comes back, where people drop off.</p>
              <p>
                <Link to={`/project/${projectId}/insights/new`}>Build your first insight</Link>, then save it here or on a dashboard.
              </p>
            </EmptyState>
          )
        ) : (
          <>
            <InsightsTable projectId={projectId} insights={rows} />
            {count > INSIGHTS_PAGE_SIZE && (
              <nav className="row" aria-label="Pages of insights">
                <button type="button" className="small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - INSIGHTS_PAGE_SIZE))}>
                  Previous
                </button>
                <span className="muted small">
                  {offset + 1}–{Math.min(offset + INSIGHTS_PAGE_SIZE, count)} of {count}
                </span>
                <button type="button" className="small" disabled={offset + INSIGHTS_PAGE_SIZE >= count} onClick={() => setOffset(offset + INSIGHTS_PAGE_SIZE)}>
                  Next
                </button>
              </nav>
            )}
          </>
        )}
      </div>
    </>
  );
}
