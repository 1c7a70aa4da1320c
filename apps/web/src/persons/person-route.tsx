import { useQuery } from '@tanstack/react-query';
import type { PersonApi } from '@warren/shared/persons-api';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, api } from '../api/api-client';
import { useProjectId } from '../app/use-project-id';
import { EventTime } from '../activity/EventTime';
import { PropertiesTable } from '../activity/PropertiesTable';
import { useNow } from '../activity/use-now';
import { EmptyState } from '../components/EmptyState';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageHeader } from '../components/PageHeader';
import { Spinner } from '../components/Spinner';
import { PersonRecordings } from '../replay/PersonRecordings';
import { DeletePersonDialog } from './DeletePersonDialog';
import { PersonEvents } from './PersonEvents';
import './persons.css';

/** One person: their properties, distinct ids and events, and deleting them (optionally with their events). */
export function Component() {
  const projectId = useProjectId();
  const personId = useParams().personId ?? '';
  const [deleting, setDeleting] = useState(false);
  const now = useNow();
  const person = useQuery({
    queryKey: ['persons', projectId, 'detail', personId],
    queryFn: ({ signal }) => api.get<PersonApi>(`/api/projects/${projectId}/persons/${encodeURIComponent(personId)}/`, undefined, signal),
    retry: (count, error) => !(error instanceof ApiError && error.status === 404) && count < 2,
  });
  const back = <Link to={`/project/${projectId}/persons`}>← All persons</Link>;

  if (person.isPending) return <Spinner label="Loading the person" />;
  if (person.error) {
    const missing = person.error instanceof ApiError && person.error.status === 404;
    return (
      <>
        <PageHeader title={missing ? 'Person not found' : 'Person'}>{back}</PageHeader>
        {missing ? <EmptyState title="This person does not exist">They may have been deleted, or the link belongs to another project.</EmptyState> : <ErrorNotice error={person.error} />}
      </>
    );
  }
  const p = person.data;
  return (
    <>
      <PageHeader
        title={p.name}
        actions={
          <button type="button" className="danger" onClick={() => setDeleting(true)}>
            Delete person
          </button>
        }
      >
        {back} · {p.is_identified ? <span className="badge badge-success">Identified</span> : 'Anonymous'} · first seen <EventTime timestamp={p.created_at} now={now} />
      </PageHeader>
      <div className="person-layout">
        <section aria-labelledby="person-properties" className="person-properties">
          <h2 id="person-properties">Properties</h2>
          <PropertiesTable properties={p.properties} caption={`Properties of ${p.name}`} searchable={Object.keys(p.properties).length > 10} />
        </section>
        <section aria-labelledby="person-distinct-ids" className="person-ids">
          <h2 id="person-distinct-ids">Distinct IDs</h2>
          <ul className="distinct-ids">
            {p.distinct_ids.map((id) => (
              <li key={id} className="mono">
                {id}
              </li>
            ))}
          </ul>
          <p className="muted small">
            Person ID <span className="mono">{p.uuid}</span>
          </p>
        </section>
      </div>
      <section aria-labelledby="person-recordings">
        <h2 id="person-recordings">Recordings</h2>
        <PersonRecordings projectId={projectId} distinctIds={p.distinct_ids} />
      </section>
      <section aria-labelledby="person-events">
        <h2 id="person-events">Events</h2>
        <PersonEvents projectId={projectId} person={p} />
      </section>
      {deleting && <DeletePersonDialog projectId={projectId} person={p} onClose={() => setDeleting(false)} />}
    </>
  );
}
