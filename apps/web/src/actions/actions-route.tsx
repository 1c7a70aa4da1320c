import { Link } from 'react-router';
import { useProjectId } from '../app/use-project-id';
import { EmptyState } from '../components/EmptyState';
import { ListResult } from '../components/ListResult';
import { PageHeader } from '../components/PageHeader';
import { Pager } from '../components/Pager';
import { pageOf } from '../components/paging';
import { SearchField } from '../components/SearchField';
import { useSearchPaging } from '../components/use-search-paging';
import { relativeTime } from '../components/relative-time';
import { ACTIONS_PAGE_SIZE, useActions } from './action-queries';
import { stepsSummary } from './action-step-model';

/** `/project/:id/actions`: the project's actions, searchable by name, newest first. */
export function Component() {
  const projectId = useProjectId();
  const { typed, setTyped, search, offset, setOffset } = useSearchPaging(250);
  const actions = useActions(projectId, search, offset);
  const newLink = (
    <Link className="button primary" to={`/project/${projectId}/actions/new`}>
      New action
    </Link>
  );

  return (
    <>
      <PageHeader title="Actions" actions={newLink}>
        Named groups of events — “viewed pricing”, “clicked sign up” — to use in insights and cohorts.
      </PageHeader>
      <div className="list-toolbar" role="search">
        <SearchField label="Search actions" value={typed} placeholder="Name contains…" onChange={setTyped} />
      </div>
      <ListResult
        query={actions}
        what="actions"
        empty={
          search === '' ? (
            <EmptyState title="No actions yet">
              <p>An action gives one name to the events that mean the same thing: page views of /pricing, clicks on any “Sign up” button, a custom event.</p>
              <p>Actions apply to past events too: an insight on an action counts everything that ever matched it.</p>
              {newLink}
            </EmptyState>
          ) : (
            <p className="muted">No action name contains “{search}”.</p>
          )
        }
      >
        {(rows) => (
          <>
            <table className="data">
              <caption className="visually-hidden">Actions</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Steps</th>
                  <th scope="col">Created</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((action) => (
                  <tr key={action.id}>
                    <td>
                      <Link to={`/project/${projectId}/actions/${action.id}`}>{action.name}</Link>
                      {action.description && <div className="muted small">{action.description}</div>}
                    </td>
                    <td>{stepsSummary(action.steps)}</td>
                    <td>
                      <time dateTime={action.created_at}>{relativeTime(action.created_at)}</time>
                      {action.created_by && <div className="muted small">by {action.created_by.first_name || action.created_by.email}</div>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pager label="Pages of actions" offset={offset} pageSize={ACTIONS_PAGE_SIZE} {...pageOf(actions.data)} onChange={setOffset} />
          </>
        )}
      </ListResult>
    </>
  );
}
