import type { EventApi } from '@warren/shared/events-api';
import { Link } from 'react-router';
import { eventLibrary, eventLocation, eventPersonName } from './event-stream-model';
import { EventTime } from './EventTime';
import { PropertiesTable } from './PropertiesTable';
import { eventRecordingPath } from '../replay/recording-links';

interface Props {
  projectId: number;
  event: EventApi;
  now: number;
  hidePerson: boolean;
  expanded: boolean;
  arrived: boolean;
  onToggle: () => void;
}

/** One event, and under it when expanded: its properties and a link to its person. */
export function EventRow({ projectId, event, now, hidePerson, expanded, arrived, onToggle }: Props) {
  const detailId = `event-${event.id}`;
  const location = eventLocation(event);
  const personName = eventPersonName(event);
  const personPath = event.person ? `/project/${projectId}/persons/${event.person.id}` : null;
  const recordingPath = eventRecordingPath(projectId, event);
  return (
    <>
      <tr className={arrived ? 'event-row arrived' : 'event-row'}>
        <td>
          <button type="button" className="expand-button" aria-expanded={expanded} aria-controls={expanded ? detailId : undefined} onClick={onToggle}>
            <span aria-hidden="true" className="chevron">
              {expanded ? '▾' : '▸'}
            </span>
            <span className="mono">{event.event}</span>
          </button>
        </td>
        {!hidePerson && (
          <td>
            {personPath ? <Link to={personPath}>{personName}</Link> : <span>{personName}</span>}
            {personName !== event.distinct_id && <div className="muted small mono">{event.distinct_id}</div>}
          </td>
        )}
        <td className="event-location" title={location}>
          {location || <span className="muted">—</span>}
        </td>
        <td className="small">{eventLibrary(event) || <span className="muted">—</span>}</td>
        <td className="nowrap">
          <EventTime timestamp={event.timestamp} now={now} />
        </td>
      </tr>
      {expanded && (
        <tr className="event-detail" id={detailId}>
          <td colSpan={hidePerson ? 4 : 5}>
            <div className="event-detail-head">
              <dl className="event-facts">
                <div>
                  <dt>Distinct ID</dt>
                  <dd className="mono">{event.distinct_id}</dd>
                </div>
                <div>
                  <dt>Event ID</dt>
                  <dd className="mono">{event.id}</dd>
                </div>
                <div>
                  <dt>Time</dt>
                  <dd className="mono">{event.timestamp}</dd>
                </div>
              </dl>
              {personPath && !hidePerson && <Link to={personPath}>View person {personName}</Link>}
              {recordingPath && <Link to={recordingPath}>Watch the recording at this moment</Link>}
            </div>
            <PropertiesTable properties={event.properties} caption={`Properties of ${event.event}`} />
          </td>
        </tr>
      )}
    </>
  );
}
