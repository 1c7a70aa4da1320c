import { FilterValueInput } from './FilterValueInput';
import { OperatorSelect } from './OperatorSelect';
import { PropertyKeyInput } from './PropertyKeyInput';
import { filterValue, operatorTakesValue, typedValue, type PropertyFilter } from './property-filter-model';

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
  const kind = (kinds.includes(filter.type as Kind) ? filter.type : kinds[0]) as Kind;
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
      <PropertyKeyInput projectId={projectId} kind={kind} value={filter.key} onChange={(key) => onChange({ key })} />
      <OperatorSelect value={operator} onChange={(next) => onChange({ operator: next, value: filterValue(next, typedValue(filter.value)) })} />
      {operatorTakesValue(operator) && <FilterValueInput operator={operator} value={filter.value} onChange={(v) => onChange({ value: v })} />}
      <button type="button" className="icon-button" aria-label="Remove filter" onClick={onRemove}>
        ×
      </button>
    </div>
  );
}
