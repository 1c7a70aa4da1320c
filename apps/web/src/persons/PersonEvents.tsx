import type { PersonApi } from '@warren/shared/persons-api';
import { useMemo } from 'react';
import { EventsTable } from '../activity/EventsTable';
import { LoadOlderEvents } from '../activity/LoadOlderEvents';
import { useEventStream } from '../activity/use-event-stream';
import { ErrorNotice } from '../components/ErrorNotice';
import { Spinner } from '../components/Spinner';

/** A person's events, newest first, a page at a time (not live: this is their history). */
export function PersonEvents({ projectId, person }: { projectId: number; person: PersonApi }) {
  const query = useMemo(() => ({ person_id: person.uuid }), [person.uuid]);
  const stream = useEventStream(projectId, query, { live: false });
  if (stream.isLoading) return <Spinner label="Loading events" />;
  return (
    <div className="stack">
      {stream.error && <ErrorNotice error={stream.error} title="Could not load events" />}
      {stream.events.length === 0 ? (
        <p className="muted">No events for this person.</p>
      ) : (
        <EventsTable projectId={projectId} events={stream.events} caption={`Events of ${person.name}, newest first`} hidePerson />
      )}
      <LoadOlderEvents stream={stream} />
    </div>
  );
}
