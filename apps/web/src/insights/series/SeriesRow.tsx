import { useId } from 'react';
import { usePropertyDefinitions } from '../../api/definitions';
import { PropertyFilters } from '../../components/PropertyFilters';
import { EventPicker } from './EventPicker';
import { MATH_OPTIONS, actionSeries, eventSeries, isPropertyMath, seriesLetter, withMath, type SeriesNode } from './series-model';
import { useActionChoices } from './use-actions';

interface Props {
  projectId: number;
  index: number;
  node: SeriesNode;
  onChange: (next: SeriesNode) => void;
  onRemove?: () => void;
  /** Trends choose what to count; stickiness and lifecycle always count persons. */
  showMath: boolean;
}

/** One series: event or action, what to count, a display name and its own property filters. */
export function SeriesRow({ projectId, index, node, onChange, onRemove, showMath }: Props) {
  const letter = seriesLetter(index);
  const name = `Series ${letter}`;
  const isAction = node.kind === 'ActionsNode';
  const actions = useActionChoices(projectId, isAction);
  const propertyListId = useId();
  const numericProperties = usePropertyDefinitions(projectId, 'event');
  const math = node.math ?? 'total';
  const filterCount = node.properties?.filter((f) => f.key).length ?? 0;

  // A new event or action keeps what the row counts, its name and its filters.
  const keepExtras = (next: SeriesNode): SeriesNode => {
    const kept: SeriesNode = { ...next };
    if (node.math) kept.math = node.math;
    if (node.math_property) kept.math_property = node.math_property;
    if (node.custom_name) kept.custom_name = node.custom_name;
    if (node.properties) kept.properties = node.properties;
    return kept;
  };

  return (
    <li className="series-row" aria-label={name}>
      <div className="row">
        <span className="series-letter" aria-hidden="true">
          {letter}
        </span>
        <select
          aria-label={`${name} counts`}
          value={node.kind}
          onChange={(e) => {
            if (e.target.value === 'ActionsNode') onChange(keepExtras({ kind: 'ActionsNode', name: null }));
            else onChange(keepExtras(eventSeries('$pageview')));
          }}
        >
          <option value="EventsNode">Event</option>
          <option value="ActionsNode">Action</option>
        </select>
        {isAction ? (
          <select
            aria-label={`${name} action`}
            value={node.id ?? ''}
            onChange={(e) => {
              const action = actions.data?.results.find((a) => a.id === Number(e.target.value));
              if (action) onChange(keepExtras(actionSeries(action)));
            }}
          >
            <option value="" disabled>
              {actions.isLoading ? 'Loading actions…' : actions.data?.results.length ? 'Pick an action' : 'No actions yet'}
            </option>
            {(actions.data?.results ?? []).map((a) => (
              <option key={a.id} value={a.id}>
                {a.name ?? `Action ${a.id}`}
              </option>
            ))}
          </select>
        ) : (
          <EventPicker projectId={projectId} label={`${name} event`} value={node.event ?? null} onChange={(event) => onChange(keepExtras(eventSeries(event)))} />
        )}
        {showMath && (
          <select aria-label={`${name} math`} value={math} onChange={(e) => onChange(withMath(node, e.target.value))}>
            {MATH_OPTIONS.map((m) => (
              <option key={m.value} value={m.value}>
                {m.label}
              </option>
            ))}
          </select>
        )}
        {showMath && isPropertyMath(math) && (
          <>
            <input
              aria-label={`${name} property`}
              placeholder="numeric property"
              list={propertyListId}
              value={node.math_property ?? ''}
              onChange={(e) => onChange({ ...node, math_property: e.target.value || null })}
            />
            <datalist id={propertyListId}>
              {(numericProperties.data?.results ?? [])
                .filter((p) => p.property_type === 'Numeric' || p.property_type === null)
                .map((p) => (
                  <option key={p.id} value={p.name} />
                ))}
            </datalist>
          </>
        )}
        {onRemove && (
          <button type="button" className="icon-button" aria-label={`Remove series ${letter}`} onClick={onRemove}>
            ×
          </button>
        )}
      </div>
      <details className="series-details">
        <summary>
          Name and filters{filterCount > 0 ? ` (${filterCount} filter${filterCount === 1 ? '' : 's'})` : ''}
        </summary>
        <div className="stack">
          <label className="field">
            <span>{name} display name</span>
            <input value={node.custom_name ?? ''} placeholder="as the event or action is called" onChange={(e) => onChange({ ...node, custom_name: e.target.value || null })} />
          </label>
          <PropertyFilters
            projectId={projectId}
            label={`Filters on series ${letter}`}
            value={node.properties ?? []}
            onChange={(next) => {
              const { properties: _p, ...rest } = node;
              onChange(next.length > 0 ? { ...rest, properties: next } : rest);
            }}
          />
        </div>
      </details>
    </li>
  );
}
