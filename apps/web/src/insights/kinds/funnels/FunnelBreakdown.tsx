import { useId } from 'react';
import { usePropertyDefinitions } from '../../../api/definitions';
import { CommitInput } from './CommitInput';
import { ATTRIBUTION_LABELS, breakdownOf, setBreakdown, setFunnelsFilter, stepName, type Attribution, type BreakdownType, type FunnelsQuery } from './funnel-query-model';
import { useActionNames } from './use-action-names';

interface Props {
  projectId: number;
  query: FunnelsQuery;
  onChange: (next: FunnelsQuery) => void;
}

/** Breakdown by one event or person property, and which step's value a conversion is counted under. */
export function FunnelBreakdown({ projectId, query, onChange }: Props) {
  const listId = useId();
  const current = breakdownOf(query);
  const type: BreakdownType | 'none' = current?.type ?? 'none';
  const names = usePropertyDefinitions(projectId, type === 'person' ? 'person' : 'event');
  const actions = useActionNames(projectId);
  const filter = query.funnelsFilter ?? {};
  const attribution = filter.breakdownAttributionType ?? 'first_touch';
  const known = (names.data?.results ?? []).map((d) => d.name);
  return (
    <fieldset className="funnel-breakdown">
      <legend>Breakdown</legend>
      <div className="row">
        <label className="field">
          <span>Break down by</span>
          <select
            value={type}
            onChange={(e) => {
              const next = e.target.value as BreakdownType | 'none';
              // Keep the typed property when switching between event and person; "none" clears it.
              onChange(setBreakdown(query, next === 'none' ? null : { type: next, property: current?.property ?? '$browser' }));
            }}
          >
            <option value="none">No breakdown</option>
            <option value="event">Event property</option>
            <option value="person">Person property</option>
          </select>
        </label>
        {current && (
          <>
            <label className="field">
              <span>Breakdown property</span>
              <CommitInput list={listId} value={current.property} known={known} onCommit={(property) => onChange(setBreakdown(query, property ? { type: current.type, property } : null))} />
              <datalist id={listId}>
                {known.map((n) => (
                  <option key={n} value={n} />
                ))}
              </datalist>
            </label>
            <label className="field">
              <span>Attribution</span>
              <select
                value={attribution}
                onChange={(e) => {
                  const value = e.target.value as Attribution;
                  onChange(setFunnelsFilter(query, { breakdownAttributionType: value, breakdownAttributionValue: value === 'step' ? (filter.breakdownAttributionValue ?? 0) : undefined }));
                }}
              >
                {(Object.keys(ATTRIBUTION_LABELS) as Attribution[]).map((a) => (
                  <option key={a} value={a}>
                    {ATTRIBUTION_LABELS[a]}
                  </option>
                ))}
              </select>
            </label>
            {attribution === 'step' && (
              <label className="field">
                <span>Attribution step</span>
                <select value={filter.breakdownAttributionValue ?? 0} onChange={(e) => onChange(setFunnelsFilter(query, { breakdownAttributionValue: Number(e.target.value) }))}>
                  {query.series.map((step, i) => (
                    <option key={i} value={i}>
                      {`${i + 1}. ${stepName(step, actions.data)}`}
                    </option>
                  ))}
                </select>
              </label>
            )}
          </>
        )}
      </div>
    </fieldset>
  );
}
