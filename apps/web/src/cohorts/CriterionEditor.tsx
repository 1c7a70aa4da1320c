import { BehavioralCriterionFields } from './BehavioralCriterionFields';
import { CohortCriterionFields } from './CohortCriterionFields';
import { PersonCriterionFields } from './PersonCriterionFields';
import { newCriterion, type Criterion, type CriterionKind } from './cohort-definition-model';

interface Props {
  projectId: number;
  selfId: number | null;
  /** Names the criterion for assistive tech and tests, e.g. "Group 1, criterion 2". */
  label: string;
  criterion: Criterion;
  onChange: (next: Criterion) => void;
  onRemove: () => void;
}

const KIND_LABELS: Record<CriterionKind, string> = { person: 'Person property', behavioral: 'Behaviour', cohort: 'Cohort membership' };

/** One criterion: its kind, then the fields of that kind. A criterion the editor cannot show is shown as JSON and kept. */
export function CriterionEditor({ projectId, selfId, label, criterion, onChange, onRemove }: Props) {
  return (
    <div className="ca-criterion" role="group" aria-label={label}>
      <div className="filter-row">
        {criterion.kind === 'other' ? (
          <span className="badge">Kept as stored</span>
        ) : (
          <select aria-label="Criterion type" value={criterion.kind} onChange={(e) => onChange(newCriterion(e.target.value as CriterionKind))}>
            {Object.entries(KIND_LABELS).map(([kind, text]) => (
              <option key={kind} value={kind}>
                {text}
              </option>
            ))}
          </select>
        )}
        {criterion.kind === 'person' && <PersonCriterionFields projectId={projectId} criterion={criterion} onChange={onChange} />}
        {criterion.kind === 'cohort' && <CohortCriterionFields projectId={projectId} selfId={selfId} criterion={criterion} onChange={onChange} />}
        <button type="button" className="icon-button ca-remove" aria-label={`Remove ${label.toLowerCase()}`} onClick={onRemove}>
          ×
        </button>
      </div>
      {criterion.kind === 'behavioral' && <BehavioralCriterionFields projectId={projectId} criterion={criterion} onChange={onChange} />}
      {criterion.kind === 'other' && (
        <>
          <p className="muted small">This part of the definition has no fields here (it was made through the API); it is saved back unchanged.</p>
          <pre className="ca-json">{JSON.stringify(criterion.raw, null, 2)}</pre>
        </>
      )}
    </div>
  );
}
