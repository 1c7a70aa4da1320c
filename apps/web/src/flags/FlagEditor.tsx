import { useId, useState, type FormEvent } from 'react';
import type { FeatureFlagApi } from '@warren/shared/feature-flags-api';
import { FormSaveActions } from '../components/FormSaveActions';
import { NotSavedNotice } from '../components/NotSavedNotice';
import { useFormSave } from '../components/use-form-save';
import { ConditionEditor } from './ConditionEditor';
import { FieldError, invalidProps } from './FieldError';
import { FlagKeyField } from './FlagKeyField';
import { FlagSwitch } from './FlagSwitch';
import { VariantsEditor } from './VariantsEditor';
import { emptyCondition, errorSlot, flagBody, formFromFlag, keyError, starterVariants, validateForm, type FieldErrors, type FlagForm } from './flag-form';
import { useSaveFlag } from './flags-api';

interface Props {
  projectId: number;
  /** null for a new flag. */
  flagId: number | null;
  initial: FlagForm;
  /** The key as stored, to warn when an edit renames it. */
  storedKey?: string;
  onSaved: (flag: FeatureFlagApi) => void;
}

/** Creates or edits a flag: key, description, status, served values (boolean or variants, with payloads), release conditions. */
export function FlagEditor({ projectId, flagId, initial, storedKey, onSaved }: Props) {
  const id = useId();
  const [form, setForm] = useState<FlagForm>(initial);
  const saving = useFormSave(errorSlot);
  const save = useSaveFlag(projectId);

  const liveKeyError = form.key !== '' ? keyError(form.key) : null;
  const errors: FieldErrors = { ...(saving.attempted ? validateForm(form) : liveKeyError ? { key: liveKeyError } : {}), ...saving.serverErrors };
  const variantKeys = form.variants.map((v) => v.key.trim()).filter((k) => k !== '');
  const multivariate = form.variants.length > 0;

  function change(next: FlagForm) {
    setForm(next);
    saving.edited();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!saving.attempt(validateForm(form))) return;
    save.mutate(
      { id: flagId, body: flagBody(form) },
      {
        onSuccess: (saved) => {
          setForm(formFromFlag(saved));
          saving.saved();
          onSaved(saved);
        },
        onError: saving.failed,
      },
    );
  }

  const renamed = storedKey !== undefined && form.key.trim() !== storedKey;
  return (
    <form ref={saving.formRef} className="flag-editor" onSubmit={submit} noValidate aria-label={flagId === null ? 'New feature flag' : 'Edit feature flag'}>
      <NotSavedNotice title="The flag was not saved" formError={saving.formError} fieldsMarked={saving.attempted && Object.keys(errors).length > 0} />

      <section className="card stack" aria-labelledby={`${id}-basics`}>
        <h2 id={`${id}-basics`}>Flag</h2>
        <FlagKeyField
          label="Key"
          value={form.key}
          onChange={(key) => change({ ...form, key })}
          error={errors.key}
          hint={`What your code asks for. Letters, numbers, hyphens (-) and underscores (_).${renamed ? ' Renaming a flag turns it off for code that still uses the old key.' : ''}`}
        />
        <div className="field">
          <label htmlFor={`${id}-description`}>Description</label>
          <textarea
            id={`${id}-description`}
            rows={2}
            style={{ fontFamily: 'inherit' }}
            value={form.description}
            placeholder="What this flag changes, and for whom (optional)"
            onChange={(e) => change({ ...form, description: e.target.value })}
            {...invalidProps(`${id}-name-error`, errors.name)}
          />
          <FieldError id={`${id}-name-error`} message={errors.name} />
        </div>
        <div className="row">
          <FlagSwitch label="Flag enabled" checked={form.active} onChange={(active) => change({ ...form, active })} />
          <span className="muted small">A disabled flag is off for everyone, whatever the conditions say.</span>
        </div>
        <label className="check">
          <input type="checkbox" checked={form.ensureExperienceContinuity} onChange={(e) => change({ ...form, ensureExperienceContinuity: e.target.checked })} />
          <span>
            Persist flag across authentication steps
            <span className="muted small"> — a person keeps the value they saw anonymously after they log in (costs a lookup per request)</span>
          </span>
        </label>
      </section>

      <section className="card stack" aria-labelledby={`${id}-served`}>
        <h2 id={`${id}-served`}>Served value</h2>
        <fieldset className="served-value">
          <legend className="visually-hidden">Flag type</legend>
          <label>
            <input type="radio" name={`${id}-type`} checked={!multivariate} onChange={() => change({ ...form, variants: [] })} />
            Boolean (on or off)
          </label>
          <label>
            <input type="radio" name={`${id}-type`} checked={multivariate} onChange={() => change({ ...form, variants: starterVariants() })} />
            Multiple variants
          </label>
        </fieldset>
        {multivariate ? (
          <VariantsEditor variants={form.variants} onChange={(variants) => change({ ...form, variants })} errors={errors} />
        ) : (
          <label className="field">
            <span>Payload when the flag is on (JSON, optional)</span>
            <textarea
              rows={3}
              placeholder='e.g. {"discount": 10}'
              value={form.truePayload}
              onChange={(e) => change({ ...form, truePayload: e.target.value })}
              {...invalidProps(`${id}-payload-error`, errors.filters__payloads__true ?? errors.filters__payloads)}
            />
            <FieldError id={`${id}-payload-error`} message={errors.filters__payloads__true ?? errors.filters__payloads} />
          </label>
        )}
      </section>

      <section className="card stack" aria-labelledby={`${id}-conditions`}>
        <h2 id={`${id}-conditions`}>Release conditions</h2>
        <p className="muted" style={{ margin: 0 }}>
          A person gets the flag when they match any one condition set (sets are OR-ed; filters inside a set are AND-ed) and fall within its rollout
          percentage. The same person always lands in the same bucket.
        </p>
        {form.restFilters.aggregation_group_type_index !== undefined && form.restFilters.aggregation_group_type_index !== null && (
          <p className="notice">This flag is decided per group (group type {String(form.restFilters.aggregation_group_type_index)}), not per person.</p>
        )}
        {form.conditions.length === 0 && <p className="notice">No condition sets: the flag is off for everyone. Add one to release it.</p>}
        {form.conditions.map((condition, index) => (
          <div key={condition.uid} className="stack">
            {index > 0 && (
              <div className="condition-or" aria-hidden="true">
                OR
              </div>
            )}
            <ConditionEditor
              projectId={projectId}
              index={index}
              condition={condition}
              variantKeys={variantKeys}
              errors={errors}
              onChange={(next) => change({ ...form, conditions: form.conditions.map((c, i) => (i === index ? next : c)) })}
              onRemove={form.conditions.length > 1 ? () => change({ ...form, conditions: form.conditions.filter((_, i) => i !== index) }) : null}
            />
          </div>
        ))}
        <div>
          <button type="button" onClick={() => change({ ...form, conditions: [...form.conditions, emptyCondition(100)] })}>
            + Add condition set
          </button>
        </div>
      </section>

      <FormSaveActions
        submitLabel={flagId === null ? 'Create flag' : 'Save changes'}
        pending={save.isPending}
        backTo={`/project/${projectId}/feature_flags`}
        backLabel="Back to feature flags"
        savedAt={saving.savedAt}
      />
    </form>
  );
}
