import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { PersonsPageApi } from '@warren/shared/persons-api';
import { useEffect, useId, useState } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { api } from '../api/api-client';
import { useProjectId } from '../app/use-project-id';
import { useDebouncedValue } from '../components/use-debounced-value';
import { EmptyState } from '../components/EmptyState';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageHeader } from '../components/PageHeader';
import { Spinner } from '../components/Spinner';
import { deletedNoticeOf, offsetParam, pageRangeLabel, PERSONS_PAGE_SIZE } from './person-model';
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
  const searchId = useId();

  useEffect(() => {
    if (settled !== search) setParams(settled ? { search: settled } : {}, { replace: true, state: location.state });
  }, [settled]);

  const persons = useQuery({
    queryKey: ['persons', projectId, 'list', search, offset],
    queryFn: ({ signal }) => api.get<PersonsPageApi>(`/api/projects/${projectId}/persons/`, { search, limit: PERSONS_PAGE_SIZE, offset }, signal),
    placeholderData: keepPreviousData,
  });
  const goTo = (nextOffset: number) => setParams({ ...(search ? { search } : {}), ...(nextOffset > 0 ? { offset: String(nextOffset) } : {}) });
  const rows = persons.data?.results ?? [];

  return (
    <>
      <PageHeader title="Persons">Everyone who has sent events to this project, newest first.</PageHeader>
      {deleted && (
        <div role="status" className="notice notice-success">
          <strong>Deleted {deleted.name}.</strong>
          <p>{deleted.withEvents ? 'Their events are being deleted in the background.' : 'Their events were kept.'}</p>
        </div>
      )}
      <div className="stack">
        <div className="field persons-search">
          <label htmlFor={searchId}>Search persons</label>
          <input id={searchId} type="search" placeholder="Email, name or distinct ID" value={typed} onChange={(e) => setTyped(e.target.value)} />
        </div>
        {persons.error && <ErrorNotice error={persons.error} title="Could not load persons" />}
        {persons.isPending ? (
          <Spinner label="Loading persons" />
        ) : rows.length === 0 && offset === 0 ? (
          search ? (
            <p className="muted">No person matches “{search}”.</p>
          ) : (
            <EmptyState title="No persons yet">
              A person appears with their first event. <Link to={`/project/${projectId}/activity`}>Activity</Link> shows how to send one.
            </EmptyState>
          )
        ) : (
          <>
            <PersonsTable projectId={projectId} persons={rows} />
            <nav className="row pager" aria-label="Pages of persons">
              <button type="button" onClick={() => goTo(Math.max(0, offset - PERSONS_PAGE_SIZE))} disabled={offset === 0 || persons.isFetching}>
                Previous
              </button>
              <span className="muted" aria-live="polite">
                {pageRangeLabel(offset, rows.length)}
              </span>
              <button type="button" onClick={() => goTo(offset + PERSONS_PAGE_SIZE)} disabled={!persons.data?.next || persons.isFetching}>
                Next
              </button>
            </nav>
          </>
        )}
      </div>
    </>
  );
}
