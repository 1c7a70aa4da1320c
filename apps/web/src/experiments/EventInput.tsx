import { useId } from 'react';
import { useEventDefinitions, usePropertyDefinitions } from '../api/definitions';
import { FieldError, invalidProps } from '../flags/FieldError';

interface Props {
  projectId: number;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  /** Suggest numeric event properties instead of event names. */
  suggest?: 'events' | 'numeric-properties';
  placeholder?: string;
}

/** A text box for an event (or numeric property) name, suggesting the names ingestion has seen. */
export function EventInput({ projectId, label, value, onChange, error, suggest = 'events', placeholder }: Props) {
  const id = useId();
  const events = useEventDefinitions(projectId);
  const properties = usePropertyDefinitions(projectId, 'event');
  const names =
    suggest === 'events'
      ? (events.data?.results ?? []).map((d) => d.name)
      : (properties.data?.results ?? []).filter((p) => p.property_type === 'Numeric' || p.property_type === null).map((p) => p.name);
  return (
    <label className="field">
      <span>{label}</span>
      <input
        type="text"
        list={`${id}-names`}
        value={value}
        autoComplete="off"
        spellCheck={false}
        placeholder={placeholder ?? (suggest === 'events' ? 'e.g. purchase' : 'e.g. amount')}
        onChange={(e) => onChange(e.target.value)}
        {...invalidProps(`${id}-error`, error)}
      />
      <datalist id={`${id}-names`}>
        {names.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <FieldError id={`${id}-error`} message={error} />
    </label>
  );
}
