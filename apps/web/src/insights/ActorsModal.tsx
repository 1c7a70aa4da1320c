import { useState } from 'react';
import { Link } from 'react-router';
import { useQueryResult } from '../api/run-query';
import { Dialog } from '../components/Dialog';
import { ErrorNotice } from '../components/ErrorNotice';
import { Spinner } from '../components/Spinner';
import { ACTORS_PAGE_SIZE, actorName, actorsQuery, type ActorApi } from './actors-query';
import type { InsightActorsSource } from './kinds/insight-kind';
import { useDebouncedValue } from '../components/use-debounced-value';

interface Props {
  projectId: number;
  source: InsightActorsSource;
  title: string;
  onClose: () => void;
}

/** The persons behind a clicked number of any insight kind, searchable and paged, each linking to their page. */
export function ActorsModal({ projectId, source, title, onClose }: Props) {
  const [search, setSearch] = useState('');
  const [offset, setOffset] = useState(0);
  const debouncedSearch = useDebouncedValue(search, 300);
  const query = actorsQuery(source, debouncedSearch, offset);
  const result = useQueryResult(projectId, query);
  const rows = (result.data?.results ?? []) as unknown[][];
  const counts = query.select.includes('event_count');

  return (
    <Dialog title={title} onClose={onClose} size="wide">
      <div className="stack">
      <label className="field">
        <span>Search persons</span>
        <input
          type="search"
          value={search}
          placeholder="email, name or distinct id"
          onChange={(e) => {
            setSearch(e.target.value);
            setOffset(0);
          }}
        />
      </label>
      {result.isError ? (
        <ErrorNotice error={result.error} title="The persons could not be listed" />
      ) : !result.data ? (
        <Spinner label="Finding persons" />
      ) : rows.length === 0 ? (
        <p className="muted">Nobody here{debouncedSearch ? ' matches that search' : ''}.</p>
      ) : (
        <table className="data" aria-label="Persons">
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">Distinct ids</th>
              {counts && <th scope="col">Events</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const actor = row[0] as ActorApi;
              return (
                <tr key={actor.uuid}>
                  <td>
                    <Link to={`/project/${projectId}/persons/${actor.uuid}`}>{actorName(actor)}</Link>
                  </td>
                  <td className="mono small">{actor.distinct_ids.slice(0, 3).join(', ') + (actor.distinct_ids.length > 3 ? ', …' : '')}</td>
                  {counts && <td>{Number(row[1]).toLocaleString()}</td>}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {(offset > 0 || result.data?.hasMore) && (
        <div className="row">
          <button type="button" className="small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - ACTORS_PAGE_SIZE))}>
            Previous
          </button>
          <span className="muted small">
            {offset + 1}–{offset + rows.length}
          </span>
          <button type="button" className="small" disabled={!result.data?.hasMore} onClick={() => setOffset(offset + ACTORS_PAGE_SIZE)}>
            Next
          </button>
        </div>
      )}
      </div>
    </Dialog>
  );
}
