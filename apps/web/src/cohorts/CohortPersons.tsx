import { useState } from 'react';
import { Link } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import type { CohortApi, CohortPersonApi } from '@warren/shared/cohorts-api';
import { api } from '../api/api-client';
import { ErrorNotice } from '../components/ErrorNotice';
import { Pager } from '../components/Pager';
import { pageOf } from '../components/paging';
import { Spinner } from '../components/Spinner';
import { relativeTime } from '../components/relative-time';
import { PERSONS_PAGE_SIZE, cohortKey, useCohortPersons } from './cohort-queries';

/** The members of a cohort, a page at a time, each linking to the person's page; static cohorts can drop a member. */
export function CohortPersons({ projectId, cohort }: { projectId: number; cohort: CohortApi }) {
  const [offset, setOffset] = useState(0);
  const persons = useCohortPersons(projectId, cohort, offset);
  const client = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const rows = persons.data?.results ?? [];

  const remove = async (person: CohortPersonApi) => {
    setError(null);
    try {
      await api.patch(`/api/projects/${projectId}/cohorts/${cohort.id}/remove_person_from_static_cohort/`, { person_id: person.uuid });
      await client.invalidateQueries({ queryKey: cohortKey(projectId, cohort.id) });
    } catch (err) {
      setError(err);
    }
  };

  return (
    <section className="card stack" aria-labelledby="ca-persons-title">
      <div className="row">
        <h2 id="ca-persons-title" className="ca-card-title">Persons in this cohort</h2>
        {(cohort.count ?? 0) > 0 && (
          <a className="ca-push-right small" href={`/api/projects/${projectId}/cohorts/${cohort.id}/persons/?format=csv`} download>
            Download as CSV
          </a>
        )}
      </div>
      {error !== null && <ErrorNotice error={error} title="The person was not removed" />}
      {persons.isError && <ErrorNotice error={persons.error} title="The persons could not be loaded" />}
      {persons.isPending && <Spinner label="Loading persons" />}
      {persons.isSuccess && rows.length === 0 && (
        <p className="muted">{cohort.is_calculating ? 'The cohort is being calculated; its persons appear here when it is done.' : 'No persons are in this cohort.'}</p>
      )}
      {rows.length > 0 && (
        <table className="data">
          <caption className="visually-hidden">Persons in the cohort</caption>
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">Distinct IDs</th>
              <th scope="col">First seen</th>
              {cohort.is_static && (
                <th scope="col">
                  <span className="visually-hidden">Remove</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {rows.map((person) => (
              <tr key={person.uuid}>
                <td>
                  <Link to={`/project/${projectId}/persons/${person.uuid}`}>{person.name}</Link>
                </td>
                <td className="mono small">{person.distinct_ids.slice(0, 3).join(', ') + (person.distinct_ids.length > 3 ? ` +${person.distinct_ids.length - 3}` : '')}</td>
                <td>
                  <time dateTime={person.created_at}>{relativeTime(person.created_at)}</time>
                </td>
                {cohort.is_static && (
                  <td>
                    <button type="button" className="small" aria-label={`Remove ${person.name} from the cohort`} onClick={() => void remove(person)}>
                      Remove
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {/* The members endpoint does not count; the cohort does. */}
      <Pager
        label="Pages of persons in the cohort"
        offset={offset}
        pageSize={PERSONS_PAGE_SIZE}
        {...pageOf(persons.data)}
        total={cohort.count ?? undefined}
        onChange={setOffset}
      />
    </section>
  );
}
