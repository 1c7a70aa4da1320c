import { useId } from 'react';
import { usePropertyDefinitions } from '../api/definitions';

interface Props {
  projectId: number;
  kind: 'event' | 'person' | 'session';
  value: string;
  onChange: (key: string) => void;
  label?: string;
}

/** A property name, typed freely, with the names ingestion has seen for `kind` suggested. */
export function PropertyKeyInput({ projectId, kind, value, onChange, label = 'Property' }: Props) {
  const listId = useId();
  const names = usePropertyDefinitions(projectId, kind);
  return (
    <>
      <input aria-label={label} placeholder={label.toLowerCase()} list={listId} value={value} onChange={(e) => onChange(e.target.value)} />
      <datalist id={listId}>
        {(names.data?.results ?? []).map((d) => (
          <option key={d.id} value={d.name} />
        ))}
      </datalist>
    </>
  );
}
