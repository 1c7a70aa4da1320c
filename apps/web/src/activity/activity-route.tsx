import type { EventApi } from '@warren/shared/events-api';
import { useEffect, useState } from 'react';
import { useCurrentUser, type CurrentUser } from '../api/current-user';
import { useProjectId } from '../app/use-project-id';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageHeader } from '../components/PageHeader';
import type { PropertyFilter } from '../components/property-filter-model';
import { Spinner } from '../components/Spinner';
import './activity.css';
import { eventListQuery } from './event-stream-model';
import { EventFilterBar } from './EventFilterBar';
import { EventsTable } from './EventsTable';
import { LIVE_INTERVAL_MS, useEventStream } from './use-event-stream';
import { useDebouncedValue } from '../components/use-debounced-value';
import { LoadOlderEvents } from './LoadOlderEvents';
import { WaitingForFirstEvent } from './WaitingForFirstEvent';

/**
 * Activity: the project's newest events, live. A project with no events yet shows how to send one and turns green
 * when it arrives, so setting up needs no trip elsewhere to check it worked.
 */
export function Component() {
  const projectId = useProjectId();
  const user = useCurrentUser();
  const [eventName, setEventName] = useState('');
  const [properties, setProperties] = useState<PropertyFilter[]>([]);
  const query = useDebouncedValue(eventListQuery({ event: eventName, properties }), 300);
  const filtered = query.event !== undefined || query.properties !== undefined;
  const [paused, setPaused] = useState(false);
  const stream = useEventStream(projectId, query, { live: !paused });

  // "No events at all" is only known without filters; once seen, the first arrival is celebrated.
  const empty = !filtered && !stream.isLoading && !stream.error && stream.events.length === 0;
  const [waited, setWaited] = useState(false);
  const [firstEvent, setFirstEvent] = useState<EventApi | null>(null);
  useEffect(() => {
    if (empty) (setWaited(true), setPaused(false));
  }, [empty]);
  useEffect(() => {
    if (waited && !firstEvent && !filtered && stream.events.length > 0) setFirstEvent(stream.events.at(-1)!);
  }, [waited, firstEvent, filtered, stream.events]);
  const waiting = empty && !firstEvent;

  return (
    <>
      <PageHeader
        title="Activity"
        actions={
          !waiting && (
            <>
              <span className={paused ? 'live-status paused' : 'live-status'}>{paused ? 'Paused' : 'Live'}</span>
              <button type="button" onClick={() => setPaused((p) => !p)}>
                {paused ? 'Resume live' : 'Pause live'}
              </button>
            </>
          )
        }
      >
        The newest events first.{' '}
        {paused ? 'New events are not being fetched.' : `New ones appear as they arrive (checked every ${LIVE_INTERVAL_MS / 1000} s while this tab is open).`}
      </PageHeader>
      <div role="status" aria-live="polite">
        {firstEvent && (
          <div className="notice notice-success first-event">
            <strong>First event received: {firstEvent.event}</strong>
            <p>Warren is receiving events from this project. They are listed below as they arrive.</p>
          </div>
        )}
      </div>
      {stream.error && <ErrorNotice error={stream.error} title="Could not load events" />}
      {waiting ? (
        <WaitingForFirstEvent token={projectToken(user.data, projectId)} />
      ) : (
        <div className="stack">
          <EventFilterBar projectId={projectId} eventName={eventName} onEventNameChange={setEventName} properties={properties} onPropertiesChange={setProperties} />
          {stream.isLoading ? (
            <Spinner label="Loading events" />
          ) : stream.events.length === 0 ? (
            <p className="muted empty-filtered">No events match these filters{paused ? '' : ' yet; new ones will show up here'}.</p>
          ) : (
            <EventsTable projectId={projectId} events={stream.events} caption="Events, newest first" arrivedIds={stream.arrivedIds} />
          )}
          <LoadOlderEvents stream={stream} />
        </div>
      )}
    </>
  );
}

/** The api token of the project on screen (the user's current project, or another of their organization's). */
function projectToken(user: CurrentUser | null | undefined, projectId: number): string | null {
  if (!user) return null;
  if (user.team?.id === projectId) return user.team.api_token;
  return user.organization?.teams.find((t) => t.id === projectId)?.api_token ?? null;
}
