import { useId, useState } from 'react';
import { usePropertyDefinitions } from '../api/definitions';
import { OPERATOR_LABELS, filterValue, operatorTakesValue, typedValue, type PropertyFilter, type PropertyOperator } from './property-filter-model';

type Kind = 'event' | 'person' | 'session';

interface Props {
  projectId: number;
  value: PropertyFilter[];
  onChange: (next: PropertyFilter[]) => void;
  /** Which property kinds may be picked (default: event and person). */
  kinds?: Kind[];
  label?: string;
}

/** An editable list of property filters (AND-ed), with property names suggested from what ingestion has seen. */
export function PropertyFilters({ projectId, value, onChange, kinds = ['event', 'person'], label = 'Filters' }: Props) {
  const update = (index: number, patch: Partial<PropertyFilter>) => onChange(value.map((f, i) => (i === index ? { ...f, ...patch } : f)));
  return (
    <fieldset className="property-filters">
      <legend>{label}</legend>
      {value.map((filter, index) => (
        <FilterRow
          key={index}
          projectId={projectId}
          filter={filter}
          kinds={kinds}
          onChange={(patch) => update(index, patch)}
          onRemove={() => onChange(value.filter((_, i) => i !== index))}
        />
      ))}
      <button type="button" className="small" onClick={() => onChange([...value, { key: '', type: kinds[0]!, operator: 'exact', value: '' }])}>
        + Add filter
      </button>
    </fieldset>
  );
}

function FilterRow({
  projectId,
  filter,
  kinds,
  onChange,
  onRemove,
}: {
  projectId: number;
  filter: PropertyFilter;
  kinds: Kind[];
  onChange: (patch: Partial<PropertyFilter>) => void;
  onRemove: () => void;
}) {
  const listId = useId();
  const kind = (kinds.includes(filter.type as Kind) ? filter.type : kinds[0]) as Kind;
  const names = usePropertyDefinitions(projectId, kind);
  const operator = filter.operator ?? 'exact';
  return (
    <div className="filter-row" role="group" aria-label={`Filter on ${filter.key || 'a property'}`}>
      {kinds.length > 1 && (
        <select aria-label="Property kind" value={kind} onChange={(e) => onChange({ type: e.target.value as Kind, key: '' })}>
          {kinds.map((k) => (
            <option key={k} value={k}>
              {k === 'event' ? 'Event property' : k === 'person' ? 'Person property' : 'Session property'}
            </option>
          ))}
        </select>
      )}
      <input aria-label="Property" placeholder="property" list={listId} value={filter.key} onChange={(e) => onChange({ key: e.target.value })} />
      <datalist id={listId}>
        {(names.data?.results ?? []).map((d) => (
          <option key={d.id} value={d.name} />
        ))}
      </datalist>
      <select aria-label="Operator" value={operator} onChange={(e) => onChange({ operator: e.target.value as PropertyOperator, value: filterValue(e.target.value as PropertyOperator, typedValue(filter.value)) })}>
        {Object.entries(OPERATOR_LABELS).map(([op, text]) => (
          <option key={op} value={op}>
            {text}
          </option>
        ))}
      </select>
      {operatorTakesValue(operator) && (
        <ValueInput operator={operator} value={filter.value} onChange={(v) => onChange({ value: v })} />
      )}
      <button type="button" className="icon-button" aria-label="Remove filter" onClick={onRemove}>
        ×
      </button>
    </div>
  );
}

/** Keeps the typed text (so "a," can become "a, b") while handing the parsed value up. */
function ValueInput({ operator, value, onChange }: { operator: PropertyOperator; value: PropertyFilter['value']; onChange: (v: PropertyFilter['value']) => void }) {
  const [text, setText] = useState(() => typedValue(value));
  return (
    <input
      aria-label="Value"
      placeholder="value"
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onChange(filterValue(operator, e.target.value));
      }}
    />
  );
}
