import type { CohortCriterion } from './cohort-definition-model';
import { useCohorts } from './cohort-queries';

interface Props {
  projectId: number;
  /** The cohort being edited, which cannot contain itself. */
  selfId: number | null;
  criterion: CohortCriterion;
  onChange: (next: CohortCriterion) => void;
}

/** "Is (not) in cohort X": the project's other cohorts to pick from. */
export function CohortCriterionFields({ projectId, selfId, criterion, onChange }: Props) {
  const cohorts = useCohorts(projectId, '', 0, 1000);
  const options = (cohorts.data?.results ?? []).filter((c) => c.id !== selfId);
  return (
    <>
      <select aria-label="Membership" value={criterion.negated ? 'not_in' : 'in'} onChange={(e) => onChange({ ...criterion, negated: e.target.value === 'not_in' })}>
        <option value="in">is in cohort</option>
        <option value="not_in">is not in cohort</option>
      </select>
      <select
        aria-label="Cohort"
        value={criterion.cohortId ?? ''}
        onChange={(e) => onChange({ ...criterion, cohortId: e.target.value === '' ? null : Number(e.target.value) })}
      >
        <option value="">Choose a cohort…</option>
        {options.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name || `Cohort ${c.id}`}
          </option>
        ))}
        {/* A nested cohort beyond the first page of the list still shows as chosen. */}
        {criterion.cohortId !== null && !options.some((c) => c.id === criterion.cohortId) && <option value={criterion.cohortId}>Cohort {criterion.cohortId}</option>}
      </select>
    </>
  );
}
