import type { EventApi } from '@warren/shared/events-api';
import { useState } from 'react';
import './activity.css';
import { EventRow } from './EventRow';
import { useNow } from './use-now';

interface Props {
  projectId: number;
  events: readonly EventApi[];
  caption: string;
  /** Leave out the person column (on a person's own page every row is theirs). */
  hidePerson?: boolean;
  /** Ids of events that arrived live since the list was first drawn, marked so the eye finds them. */
  arrivedIds?: ReadonlySet<string>;
}

/** Events newest first; each row opens (by its event name, a button) to show all its properties. */
export function EventsTable({ projectId, events, caption, hidePerson = false, arrivedIds }: Props) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const now = useNow();
  const toggle = (id: string) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <table className="data events-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Event</th>
          {!hidePerson && <th scope="col">Person</th>}
          <th scope="col">URL / Screen</th>
          <th scope="col">Library</th>
          <th scope="col">Time</th>
        </tr>
      </thead>
      <tbody>
        {events.map((event) => (
          <EventRow
            key={event.id}
            projectId={projectId}
            event={event}
            now={now}
            hidePerson={hidePerson}
            expanded={open.has(event.id)}
            arrived={arrivedIds?.has(event.id) ?? false}
            onToggle={() => toggle(event.id)}
          />
        ))}
      </tbody>
    </table>
  );
}
