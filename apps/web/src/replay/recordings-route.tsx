import { Link, useSearchParams } from 'react-router';
import { useProjectId } from '../app/use-project-id';
import { EmptyState } from '../components/EmptyState';
import { ListResult } from '../components/ListResult';
import { PageHeader } from '../components/PageHeader';
import { Pager } from '../components/Pager';
import { isFiltered, RECORDINGS_PAGE_SIZE, recordingsFiltersFrom, recordingsSearchParams, type RecordingsFilters } from './recordings-filter-model';
import { RecordingsFilterBar } from './RecordingsFilterBar';
import { RecordingsTable } from './RecordingsTable';
import { useRecordings } from './replay-requests';
import './replay.css';

/**
 * Replay: the project's session recordings, newest first, narrowed by date, length, person, a performed event or
 * console errors. The filters and the page live in the URL, so coming back from a recording returns to the same list.
 */
export function Component() {
  const projectId = useProjectId();
  const [params, setParams] = useSearchParams();
  const filters = recordingsFiltersFrom(params);
  const recordings = useRecordings(projectId, filters);
  const apply = (next: RecordingsFilters) => setParams(recordingsSearchParams(next));
  const page = recordings.data;

  return (
    <>
      <PageHeader title="Replay">Recordings of what people did on your site, to watch an error happen or a journey unfold.</PageHeader>
      <RecordingsFilterBar projectId={projectId} filters={filters} onChange={apply} />
      <ListResult
        query={recordings}
        what="recordings"
        empty={
          filters.offset > 0 ? (
            <Pager label="Pages of recordings" offset={filters.offset} pageSize={RECORDINGS_PAGE_SIZE} shown={0} hasNext={false} onChange={(offset) => apply({ ...filters, offset })} />
          ) : isFiltered(filters) ? (
            <p className="muted">No recording matches these filters.</p>
          ) : (
            <EmptyState title="No recordings yet">
              posthog-js records sessions once recording is on for this project in <Link to={`/project/${projectId}/settings`}>Settings</Link>; recordings
              appear here a few seconds after they start.
            </EmptyState>
          )
        }
      >
        {(rows) => (
          <>
            <RecordingsTable projectId={projectId} recordings={rows} />
            <Pager
              label="Pages of recordings"
              offset={filters.offset}
              pageSize={RECORDINGS_PAGE_SIZE}
              shown={rows.length}
              hasNext={page?.has_next ?? false}
              busy={recordings.isFetching}
              onChange={(offset) => apply({ ...filters, offset })}
            />
          </>
        )}
      </ListResult>
    </>
  );
}
