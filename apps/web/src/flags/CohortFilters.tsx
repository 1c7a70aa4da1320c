import type { CohortCondition } from './flag-form';
import { useCohortOptions } from './flags-api';

interface Props {
  projectId: number;
  value: CohortCondition[];
  onChange: (next: CohortCondition[]) => void;
  /** Names the condition set in labels, e.g. "condition set 1". */
  setName: string;
}

/**
 * Cohort filters of a condition set: "in" or "not in" a picked cohort. Cohorts defined by events are listed but
 * disabled: flags are decided without reading events, so PostHog refuses them too.
 */
export function CohortFilters({ projectId, value, onChange, setName }: Props) {
  const cohorts = useCohortOptions(projectId);
  const options = cohorts.data?.results ?? [];
  const update = (index: number, patch: Partial<CohortCondition>) => onChange(value.map((c, i) => (i === index ? { ...c, ...patch } : c)));
  return (
    <fieldset className="property-filters">
      <legend>Cohorts</legend>
      {value.map((row, index) => (
        <div className="cohort-row" role="group" aria-label={`Cohort filter ${index + 1} of ${setName}`} key={index}>
          <select aria-label={`Cohort operator ${index + 1} of ${setName}`} value={row.operator} onChange={(e) => update(index, { operator: e.target.value as CohortCondition['operator'] })}>
            <option value="in">in cohort</option>
            <option value="not_in">not in cohort</option>
          </select>
          <select
            aria-label={`Cohort ${index + 1} of ${setName}`}
            value={row.cohortId ?? ''}
            onChange={(e) => update(index, { cohortId: e.target.value === '' ? null : Number(e.target.value) })}
          >
            <option value="">Choose a cohort…</option>
            {/* A stored cohort id the list does not hold (deleted, or beyond the first page) stays selectable. */}
            {row.cohortId !== null && !options.some((c) => c.id === row.cohortId) && <option value={row.cohortId}>Cohort #{row.cohortId}</option>}
            {options.map((c) => (
              <option key={c.id} value={c.id} disabled={c.cohort_type === 'behavioral'}>
                {c.name || `Cohort #${c.id}`}
                {c.cohort_type === 'behavioral' ? ' (uses events: not usable in flags)' : ''}
              </option>
            ))}
          </select>
          <button type="button" className="icon-button" aria-label={`Remove cohort filter ${index + 1} of ${setName}`} onClick={() => onChange(value.filter((_, i) => i !== index))}>
            ×
          </button>
        </div>
      ))}
      <div className="row">
        <button type="button" className="small" onClick={() => onChange([...value, { cohortId: null, operator: 'in' }])}>
          + Add cohort
        </button>
        {cohorts.isSuccess && options.length === 0 && <span className="muted small">This project has no cohorts yet.</span>}
      </div>
    </fieldset>
  );
}
