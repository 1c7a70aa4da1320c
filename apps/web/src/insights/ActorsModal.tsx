import { Link } from 'react-router';
import { useQueryResult } from '../api/run-query';
import { Dialog } from '../components/Dialog';
import { ErrorNotice } from '../components/ErrorNotice';
import { Pager } from '../components/Pager';
import { SearchField } from '../components/SearchField';
import { useSearchPaging } from '../components/use-search-paging';
import { Spinner } from '../components/Spinner';
import { ACTORS_PAGE_SIZE, actorName, actorsQuery, type ActorApi } from './actors-query';
import type { InsightActorsSource } from './kinds/insight-kind';

interface Props {
  projectId: number;
  source: InsightActorsSource;
  title: string;
  onClose: () => void;
}

/** The persons behind a clicked number of any insight kind, searchable and paged, each linking to their page. */
export function ActorsModal({ projectId, source, title, onClose }: Props) {
  const { typed, setTyped, search, offset, setOffset } = useSearchPaging(300);
  const query = actorsQuery(source, search, offset);
  const result = useQueryResult(projectId, query);
  const rows = (result.data?.results ?? []) as unknown[][];
  const counts = query.select.includes('event_count');

  return (
    <Dialog title={title} onClose={onClose} size="wide">
      <div className="stack">
        <SearchField label="Search persons" value={typed} placeholder="email, name or distinct id" onChange={setTyped} />
        {result.isError ? (
          <ErrorNotice error={result.error} title="The persons could not be listed" />
        ) : !result.data ? (
          <Spinner label="Finding persons" />
        ) : rows.length === 0 ? (
          <p className="muted">Nobody here{search ? ' matches that search' : ''}.</p>
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
        <Pager label="Pages of persons" offset={offset} pageSize={ACTORS_PAGE_SIZE} shown={rows.length} hasNext={Boolean(result.data?.hasMore)} onChange={setOffset} />
      </div>
    </Dialog>
  );
}
