import { useId } from 'react';
import { useEventDefinitions } from '../../../api/definitions';
import { CommitInput } from './CommitInput';
import type { StepNode } from './funnel-query-model';
import { useActionNames } from './use-action-names';

interface Props {
  projectId: number;
  value: StepNode;
  onChange: (next: StepNode) => void;
  /** Accessible name of the event box, e.g. "Step 1 event"; the kind and action selects derive theirs from it. */
  label: string;
  /** What an empty box means: null (a funnel step not picked yet) or an event (retention falls back to $pageview). */
  emptyEvent?: string | null;
  placeholder?: string;
}

/** Picks an event (names suggested from what ingestion has seen) or one of the project's actions. */
export function EventPicker({ projectId, value, onChange, label, emptyEvent = null, placeholder = 'Pick an event' }: Props) {
  const listId = useId();
  const events = useEventDefinitions(projectId);
  const actions = useActionNames(projectId);
  const names = (events.data?.results ?? []).map((d) => d.name);
  const keep = { properties: value.properties, custom_name: value.custom_name };
  const clean = <T extends object>(node: T): T => Object.fromEntries(Object.entries(node).filter(([, v]) => v !== undefined)) as T;
  return (
    <span className="event-picker">
      <select
        aria-label={`${label} kind`}
        value={value.kind}
        onChange={(e) => {
          if (e.target.value === 'ActionsNode') {
            const first = [...(actions.data?.keys() ?? [])][0];
            if (first !== undefined) onChange(clean({ kind: 'ActionsNode', id: first, ...keep }));
          } else onChange(clean({ kind: 'EventsNode', event: emptyEvent, ...keep }));
        }}
      >
        <option value="EventsNode">Event</option>
        <option value="ActionsNode" disabled={!actions.data || actions.data.size === 0}>
          Action
        </option>
      </select>
      {value.kind === 'EventsNode' ? (
        <>
          <CommitInput
            aria-label={label}
            list={listId}
            placeholder={placeholder}
            value={value.event ?? ''}
            known={names}
            onCommit={(text) => onChange(clean({ kind: 'EventsNode', event: text === '' ? emptyEvent : text, ...keep }))}
          />
          <datalist id={listId}>
            {names.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
        </>
      ) : (
        <select aria-label={label} value={value.id} onChange={(e) => onChange(clean({ kind: 'ActionsNode', id: Number(e.target.value), ...keep }))}>
          {[...(actions.data ?? new Map<number, string>())].map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
          {!actions.data?.has(value.id) && <option value={value.id}>Action {value.id}</option>}
        </select>
      )}
    </span>
  );
}
