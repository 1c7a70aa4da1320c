import { useId } from 'react';
import { useEventDefinitions } from '../api/definitions';
import { PropertyFilters } from '../components/PropertyFilters';
import type { PropertyFilter } from '../components/property-filter-model';

interface Props {
  projectId: number;
  eventName: string;
  onEventNameChange: (name: string) => void;
  properties: PropertyFilter[];
  onPropertiesChange: (next: PropertyFilter[]) => void;
}

/** The event name (suggested from the names ingestion has seen) and property filters of the stream. */
export function EventFilterBar({ projectId, eventName, onEventNameChange, properties, onPropertiesChange }: Props) {
  const inputId = useId();
  const listId = useId();
  const names = useEventDefinitions(projectId, eventName.trim());
  return (
    <section className="activity-filters" aria-label="Filters">
      <div className="field event-name-field">
        <label htmlFor={inputId}>Event name</label>
        <input
          id={inputId}
          type="search"
          list={listId}
          placeholder="All events"
          autoComplete="off"
          value={eventName}
          onChange={(e) => onEventNameChange(e.target.value)}
        />
        <datalist id={listId}>
          {(names.data?.results ?? []).map((d) => (
            <option key={d.id} value={d.name} />
          ))}
        </datalist>
      </div>
      <PropertyFilters projectId={projectId} value={properties} onChange={onPropertiesChange} label="Property filters" />
    </section>
  );
}
