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
import { cohortTypeLabel } from './cohort-definition-model';
import { COHORTS_PAGE_SIZE, useCohorts } from './cohort-queries';

/** `/project/:id/cohorts`: the project's cohorts, searchable by name, newest first. */
export function Component() {
  const projectId = useProjectId();
  const { typed, setTyped, search, offset, setOffset } = useSearchPaging(250);
  const cohorts = useCohorts(projectId, search, offset);
  const newLink = (
    <Link className="button primary" to={`/project/${projectId}/cohorts/new`}>
      New cohort
    </Link>
  );

  return (
    <>
      <PageHeader title="Cohorts" actions={newLink}>
        Groups of persons by their properties or what they did, for filtering insights and targeting flags.
      </PageHeader>
      <div className="list-toolbar" role="search">
        <SearchField label="Search cohorts" value={typed} placeholder="Name contains…" onChange={setTyped} />
      </div>
      <ListResult
        query={cohorts}
        what="cohorts"
        empty={
          search === '' ? (
            <EmptyState title="No cohorts yet">
              <p>A cohort is a saved group of persons: “customers on the pro plan”, “signed up but never invited anyone”.</p>
              <p>Dynamic cohorts recalculate from person properties and events; static cohorts hold the list you upload.</p>
              {newLink}
            </EmptyState>
          ) : (
            <p className="muted">No cohort name contains “{search}”.</p>
          )
        }
      >
        {(rows) => (
          <>
            <table className="data">
              <caption className="visually-hidden">Cohorts</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Persons</th>
                  <th scope="col">Type</th>
                  <th scope="col">Last calculated</th>
                  <th scope="col">Created by</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((cohort) => (
                  <tr key={cohort.id}>
                    <td>
                      <Link to={`/project/${projectId}/cohorts/${cohort.id}`}>{cohort.name || 'Untitled cohort'}</Link>
                      {cohort.description && <div className="muted small">{cohort.description}</div>}
                    </td>
                    <td>{cohort.is_calculating ? <span className="badge">Calculating…</span> : (cohort.count ?? '—')}</td>
                    <td>{cohortTypeLabel(cohort)}</td>
                    <td>{cohort.last_calculation ? <time dateTime={cohort.last_calculation}>{relativeTime(cohort.last_calculation)}</time> : '—'}</td>
                    <td>{cohort.created_by ? cohort.created_by.first_name || cohort.created_by.email : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pager label="Pages of cohorts" offset={offset} pageSize={COHORTS_PAGE_SIZE} {...pageOf(cohorts.data)} onChange={setOffset} />
          </>
        )}
      </ListResult>
    </>
  );
}
