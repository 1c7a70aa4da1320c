import { useEffect, useId, useState } from 'react';
import { useEventDefinitions } from '../../api/definitions';
import { useDebouncedValue } from '../../components/use-debounced-value';

interface Props {
  projectId: number;
  /** The chosen event; null is all events. */
  value: string | null;
  onChange: (event: string | null) => void;
  label: string;
}

/**
 * An event name with suggestions from the events ingestion has seen. The name is taken when it matches a suggestion,
 * on Enter or on leaving the box, so half-typed names do not each run a query. Empty means all events.
 */
export function EventPicker({ projectId, value, onChange, label }: Props) {
  const listId = useId();
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  const search = useDebouncedValue(text, 250);
  const definitions = useEventDefinitions(projectId, search === value ? '' : search);
  const names = (definitions.data?.results ?? []).map((d) => d.name);
  const commit = (typed: string) => {
    const next = typed.trim() === '' ? null : typed.trim();
    if (next !== value) onChange(next);
  };
  return (
    <>
      <input
        aria-label={label}
        className="event-picker"
        list={listId}
        placeholder="All events"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          if (names.includes(e.target.value)) commit(e.target.value);
        }}
        onBlur={() => commit(text)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit(text);
          }
        }}
      />
      <datalist id={listId}>
        {names.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
    </>
  );
}
