import { useEffect, useId, useState } from 'react';
import { useEventDefinitions } from '../api/definitions';
import { InstantCheckbox } from '../components/InstantCheckbox';
import { useDebouncedValue } from '../components/use-debounced-value';
import { RECORDING_ORDERS, RECORDING_PERIODS, type RecordingOrder, type RecordingPeriod, type RecordingsFilters } from './recordings-filter-model';

const MIN_DURATIONS = [
  { value: 0, label: 'Any length' },
  { value: 10, label: 'Over 10 seconds' },
  { value: 30, label: 'Over 30 seconds' },
  { value: 60, label: 'Over 1 minute' },
  { value: 300, label: 'Over 5 minutes' },
];

interface Props {
  projectId: number;
  filters: RecordingsFilters;
  /** Any change of filter starts the list from its first page. */
  onChange: (next: RecordingsFilters) => void;
}

/** Date range, length, person, performed event, console errors and ordering of the recordings list. */
export function RecordingsFilterBar({ projectId, filters, onChange }: Props) {
  const id = useId();
  const change = (patch: Partial<RecordingsFilters>) => onChange({ ...filters, ...patch, offset: 0 });
  // Typed fields wait for a pause before they reach the URL (and the server).
  const [distinctId, setDistinctId] = useState(filters.distinctId);
  const [event, setEvent] = useState(filters.event);
  const typed = useDebouncedValue({ distinctId: distinctId.trim(), event: event.trim() }, 300);
  useEffect(() => {
    if (typed.distinctId !== filters.distinctId || typed.event !== filters.event) change(typed);
  }, [typed.distinctId, typed.event]);
  const names = useEventDefinitions(projectId, event.trim());

  return (
    <section className="replay-filters" aria-label="Filters">
      <div className="field">
        <label htmlFor={`${id}-period`}>Date range</label>
        <select id={`${id}-period`} value={filters.period} onChange={(e) => change({ period: e.target.value as RecordingPeriod })}>
          {RECORDING_PERIODS.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-duration`}>Duration</label>
        <select id={`${id}-duration`} value={filters.minDurationS} onChange={(e) => change({ minDurationS: Number(e.target.value) })}>
          {MIN_DURATIONS.map((d) => (
            <option key={d.value} value={d.value}>
              {d.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-person`}>Person (distinct ID)</label>
        <input id={`${id}-person`} type="search" placeholder="Anyone" autoComplete="off" value={distinctId} onChange={(e) => setDistinctId(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-event`}>Performed event</label>
        <input id={`${id}-event`} type="search" list={`${id}-events`} placeholder="Any event" autoComplete="off" value={event} onChange={(e) => setEvent(e.target.value)} />
        <datalist id={`${id}-events`}>
          {(names.data?.results ?? []).map((d) => (
            <option key={d.id} value={d.name} />
          ))}
        </datalist>
      </div>
      <div className="field">
        <label htmlFor={`${id}-order`}>Order by</label>
        <select id={`${id}-order`} value={filters.order} onChange={(e) => change({ order: e.target.value as RecordingOrder })}>
          {RECORDING_ORDERS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <InstantCheckbox className="checkbox replay-errors-only" checked={filters.consoleErrorsOnly} onChange={(consoleErrorsOnly) => change({ consoleErrorsOnly })}>
        Only with console errors
      </InstantCheckbox>
      <InstantCheckbox className="checkbox replay-errors-only" checked={filters.hideViewed} onChange={(hideViewed) => change({ hideViewed })}>
        Hide recordings I have watched
      </InstantCheckbox>
    </section>
  );
}
