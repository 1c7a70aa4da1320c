import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { PersonsPageApi } from '@warren/shared/persons-api';
import { useEffect, useState } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { api } from '../api/api-client';
import { useProjectId } from '../app/use-project-id';
import { useDebouncedValue } from '../components/use-debounced-value';
import { EmptyState } from '../components/EmptyState';
import { ListResult } from '../components/ListResult';
import { PageHeader } from '../components/PageHeader';
import { Pager } from '../components/Pager';
import { pageOf } from '../components/paging';
import { SearchField } from '../components/SearchField';
import { deletedNoticeOf, offsetParam, PERSONS_PAGE_SIZE } from './person-model';
import { PersonsTable } from './PersonsTable';
import './persons.css';

/**
 * Persons: everyone who sent events, newest first, searchable by email, name (any property) or distinct id. The
 * search and the page live in the URL, so coming back from a person returns to the same list.
 */
export function Component() {
  const projectId = useProjectId();
  const location = useLocation();
  const deleted = deletedNoticeOf(location.state);
  const [params, setParams] = useSearchParams();
  const search = params.get('search') ?? '';
  const offset = offsetParam(params.get('offset'));
  const [typed, setTyped] = useState(search);
  const settled = useDebouncedValue(typed.trim(), 300);

  useEffect(() => {
    if (settled !== search) setParams(settled ? { search: settled } : {}, { replace: true, state: location.state });
  }, [settled]);

  const persons = useQuery({
    queryKey: ['persons', projectId, 'list', search, offset],
    queryFn: ({ signal }) => api.get<PersonsPageApi>(`/api/projects/${projectId}/persons/`, { search, limit: PERSONS_PAGE_SIZE, offset }, signal),
    placeholderData: keepPreviousData,
  });
  const goTo = (nextOffset: number) => setParams({ ...(search ? { search } : {}), ...(nextOffset > 0 ? { offset: String(nextOffset) } : {}) });

  return (
    <>
      <PageHeader title="Persons">Everyone who has sent events to this project, newest first.</PageHeader>
      {deleted && (
        <div role="status" className="notice notice-success">
          <strong>Deleted {deleted.name}.</strong>
          <p>{deleted.withEvents ? 'Their events are being deleted in the background.' : 'Their events were kept.'}</p>
        </div>
      )}
      <div className="list-toolbar" role="search">
        <SearchField label="Search persons" value={typed} placeholder="Email, name or distinct ID" onChange={setTyped} />
      </div>
      <ListResult
        query={persons}
        what="persons"
        empty={
          offset > 0 ? (
            <Pager label="Pages of persons" offset={offset} pageSize={PERSONS_PAGE_SIZE} shown={0} hasNext={false} onChange={goTo} />
          ) : search ? (
            <p className="muted">No person matches “{search}”.</p>
          ) : (
            <EmptyState title="No persons yet">
              A person appears with their first event. <Link to={`/project/${projectId}/activity`}>Activity</Link> shows how to send one.
            </EmptyState>
          )
        }
      >
        {(rows) => (
          <>
            <PersonsTable projectId={projectId} persons={rows} />
            <Pager label="Pages of persons" offset={offset} pageSize={PERSONS_PAGE_SIZE} {...pageOf(persons.data)} busy={persons.isFetching} onChange={goTo} />
          </>
        )}
      </ListResult>
    </>
  );
}
