import { useId } from 'react';
import { usePropertyDefinitions } from '../../../api/definitions';
import { DEFAULT_BREAKDOWN_LIMIT, withBreakdown, type BreakdownType, type TrendsQuery } from './trends-query';

interface Props {
  projectId: number;
  query: TrendsQuery;
  onChange: (next: TrendsQuery) => void;
}

/** Break the series down by the values of one event or person property, keeping the top N values. */
export function BreakdownEditor({ projectId, query, onChange }: Props) {
  const listId = useId();
  const filter = query.breakdownFilter;
  const type: BreakdownType = filter?.breakdown_type === 'person' ? 'person' : 'event';
  const property = filter?.breakdown === undefined || filter?.breakdown === null ? '' : String(filter.breakdown);
  const limit = filter?.breakdown_limit ?? DEFAULT_BREAKDOWN_LIMIT;
  const names = usePropertyDefinitions(projectId, type);
  return (
    <fieldset className="breakdown-editor">
      <legend>Breakdown</legend>
      <div className="row">
        <select aria-label="Breakdown property kind" value={type} onChange={(e) => onChange(withBreakdown(query, e.target.value as BreakdownType, property, limit))}>
          <option value="event">Event property</option>
          <option value="person">Person property</option>
        </select>
        <input
          aria-label="Breakdown by"
          placeholder="no breakdown"
          list={listId}
          value={property}
          onChange={(e) => onChange(withBreakdown(query, type, e.target.value, limit))}
        />
        <datalist id={listId}>
          {(names.data?.results ?? []).map((d) => (
            <option key={d.id} value={d.name} />
          ))}
        </datalist>
        {property && (
          <>
            <label className="inline-field">
              <span>Top</span>
              <input
                type="number"
                min={1}
                max={10000}
                className="narrow"
                value={limit}
                onChange={(e) => onChange(withBreakdown(query, type, property, Math.max(1, Math.min(10_000, Number(e.target.value) || DEFAULT_BREAKDOWN_LIMIT))))}
              />
              <span>values</span>
            </label>
            <button type="button" className="small" onClick={() => onChange(withBreakdown(query, type, '', null))}>
              Remove breakdown
            </button>
          </>
        )}
      </div>
    </fieldset>
  );
}
