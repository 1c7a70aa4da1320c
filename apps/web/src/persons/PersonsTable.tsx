import type { PersonApi } from '@warren/shared/persons-api';
import { Link } from 'react-router';
import { EventTime } from '../activity/EventTime';
import { useNow } from '../activity/use-now';

/** A page of persons: name (a link to the person), distinct ids, identified or not, first seen. */
export function PersonsTable({ projectId, persons }: { projectId: number; persons: readonly PersonApi[] }) {
  const now = useNow();
  return (
    <table className="data persons-table">
      <thead>
        <tr>
          <th scope="col">Person</th>
          <th scope="col">Distinct IDs</th>
          <th scope="col">Identified</th>
          <th scope="col">First seen</th>
        </tr>
      </thead>
      <tbody>
        {persons.map((person) => (
          <tr key={person.id}>
            <td>
              <Link to={`/project/${projectId}/persons/${person.id}`}>{person.name}</Link>
            </td>
            <td>
              <span className="badge">{person.distinct_ids.length}</span>{' '}
              <span className="muted small mono">{person.distinct_ids[0] ?? ''}</span>
            </td>
            <td>{person.is_identified ? <span className="badge badge-success">Identified</span> : <span className="muted">Anonymous</span>}</td>
            <td>
              <EventTime timestamp={person.created_at} now={now} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
