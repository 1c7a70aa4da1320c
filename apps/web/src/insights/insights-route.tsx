import { Link, useNavigate } from 'react-router';
import { useProjectId } from '../app/use-project-id';
import { EmptyState } from '../components/EmptyState';
import { ListResult } from '../components/ListResult';
import { PageHeader } from '../components/PageHeader';
import { Pager } from '../components/Pager';
import { pageOf } from '../components/paging';
import { SearchField } from '../components/SearchField';
import { useSearchPaging } from '../components/use-search-paging';
import { InsightsTable } from './InsightsTable';
import { INSIGHTS_PAGE_SIZE, useInsightList } from './insight-requests';
import './insights.css';

/** `/insights`: the saved insights, searchable and paged, and the way to a new one. */
export function Component() {
  const projectId = useProjectId();
  const navigate = useNavigate();
  const { typed, setTyped, search, offset, setOffset } = useSearchPaging(300);
  const list = useInsightList(projectId, search, offset);

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
      <div className="list-toolbar" role="search">
        <SearchField label="Search insights" value={typed} placeholder="name, description or tag" onChange={setTyped} />
      </div>
      <ListResult
        query={list}
        what="insights"
        empty={
          search ? (
            <p className="muted">No insight matches “{search}”.</p>
          ) : (
            <EmptyState title="No saved insights yet">
              <p>An insight answers a question about your events: how many pageviews a day, who signs up and comes back, where people drop off.</p>
              <p>
                <Link to={`/project/${projectId}/insights/new`}>Build your first insight</Link>, then save it here or on a dashboard.
              </p>
            </EmptyState>
          )
        }
      >
        {(rows) => (
          <>
            <InsightsTable projectId={projectId} insights={rows} />
            <Pager label="Pages of insights" offset={offset} pageSize={INSIGHTS_PAGE_SIZE} {...pageOf(list.data)} onChange={setOffset} />
          </>
        )}
      </ListResult>
    </>
  );
}
