import { useId } from 'react';
import { EventInput } from './EventInput';
import type { ExperimentForm, FieldErrors } from './experiment-form';

interface Props {
  projectId: number;
  form: ExperimentForm;
  onChange: (patch: Partial<ExperimentForm>) => void;
  errors: FieldErrors;
}

/** Who counts as exposed: the event that marks it, what to do with people seen in two variants, test accounts. */
export function ExposureSection({ projectId, form, onChange, errors }: Props) {
  const id = useId();
  return (
    <div className="stack">
      <fieldset className="choice-row">
        <legend>Exposure event</legend>
        <label>
          <input type="radio" name={`${id}-exposure`} checked={form.exposure === 'default'} onChange={() => onChange({ exposure: 'default' })} />
          <span>
            <span className="mono">$feature_flag_called</span> <span className="muted small">(sent by the SDKs when your code reads the flag)</span>
          </span>
        </label>
        <label>
          <input type="radio" name={`${id}-exposure`} checked={form.exposure === 'custom'} onChange={() => onChange({ exposure: 'custom' })} />
          A custom event
        </label>
      </fieldset>
      {form.exposure === 'custom' && (
        <EventInput projectId={projectId} label="Custom exposure event" value={form.customExposureEvent} onChange={(customExposureEvent) => onChange({ customExposureEvent })} error={errors.customExposureEvent} />
      )}
      <label className="field">
        <span>People seen in more than one variant</span>
        <select value={form.multipleVariantHandling} onChange={(e) => onChange({ multipleVariantHandling: e.target.value as ExperimentForm['multipleVariantHandling'] })}>
          <option value="exclude">Leave them out (recommended)</option>
          <option value="first_seen">Count them in the first variant they saw</option>
        </select>
      </label>
      <label className="check">
        <input type="checkbox" checked={form.filterTestAccounts} onChange={(e) => onChange({ filterTestAccounts: e.target.checked })} />
        <span>Filter out internal and test accounts</span>
      </label>
      <p className="muted small">Only what a person does after their first exposure counts towards the metrics.</p>
    </div>
  );
}
