import { useId } from 'react';
import { PropertyFilters } from '../components/PropertyFilters';
import { CohortFilters } from './CohortFilters';
import { FieldError, invalidProps } from './FieldError';
import { RolloutInput } from './RolloutInput';
import type { ConditionForm, FieldErrors } from './flag-form';

interface Props {
  projectId: number;
  index: number;
  condition: ConditionForm;
  onChange: (next: ConditionForm) => void;
  onRemove: (() => void) | null;
  /** Variant keys of the flag; empty for a boolean flag (no override then). */
  variantKeys: string[];
  errors: FieldErrors;
}

/** One release condition set: who matches (person properties, cohorts), what share of them, and an optional variant. */
export function ConditionEditor({ projectId, index, condition, onChange, onRemove, variantKeys, errors }: Props) {
  const id = useId();
  const setName = `condition set ${index + 1}`;
  const slot = `filters__groups__${index}`;
  const propertiesError = errors[`${slot}__properties`];
  const rolloutError = errors[`${slot}__rollout_percentage`];
  const variantError = errors[`${slot}__variant`];
  const filterCount = condition.properties.length + condition.cohorts.length + condition.kept.length;
  return (
    <section className="condition" aria-labelledby={`${id}-title`}>
      <div className="condition-head">
        <h3 id={`${id}-title`}>Condition set {index + 1}</h3>
        {onRemove && (
          <button type="button" className="small danger" onClick={onRemove} aria-label={`Remove ${setName}`}>
            Remove
          </button>
        )}
      </div>
      <PropertyFilters
        projectId={projectId}
        kinds={['person']}
        label="Match persons whose properties…"
        value={condition.properties}
        onChange={(properties) => onChange({ ...condition, properties })}
      />
      <CohortFilters projectId={projectId} setName={setName} value={condition.cohorts} onChange={(cohorts) => onChange({ ...condition, cohorts })} />
      {condition.kept.length > 0 && (
        <p className="muted small">
          Also requires {condition.kept.length} {condition.kept.length === 1 ? 'filter' : 'filters'} this editor cannot show (flag dependencies or group
          properties); they are kept as they are.
        </p>
      )}
      <FieldError id={`${id}-properties-error`} message={propertiesError} />
      <div className="field">
        <span id={`${id}-rollout`}>
          Roll out to {filterCount === 0 ? 'all users' : 'persons matching these filters'}
        </span>
        <RolloutInput
          label={`Rollout percentage for ${setName}`}
          value={condition.rolloutPercentage}
          onChange={(rolloutPercentage) => onChange({ ...condition, rolloutPercentage })}
          errorProps={invalidProps(`${id}-rollout-error`, rolloutError)}
        />
        <FieldError id={`${id}-rollout-error`} message={rolloutError} />
      </div>
      {variantKeys.length > 0 && (
        <label className="field">
          <span>Variant served to this set</span>
          <select
            aria-label={`Variant for ${setName}`}
            value={condition.variant}
            onChange={(e) => onChange({ ...condition, variant: e.target.value })}
            {...invalidProps(`${id}-variant-error`, variantError)}
          >
            <option value="">Split by the variant rollout</option>
            {variantKeys.map((key) => (
              <option key={key} value={key}>
                Always {key}
              </option>
            ))}
          </select>
          <FieldError id={`${id}-variant-error`} message={variantError} />
        </label>
      )}
    </section>
  );
}
