import { useId, useState } from 'react';
import { FieldError, invalidProps } from '../flags/FieldError';
import { FlagKeyField } from '../flags/FlagKeyField';
import { useDebouncedValue } from '../components/use-debounced-value';
import { VariantSplitEditor } from './VariantSplitEditor';
import { flagProblem, type ExperimentForm, type FieldErrors } from './experiment-form';
import { useFlagOptions } from './experiments-api';

interface Props {
  projectId: number;
  form: ExperimentForm;
  onChange: (patch: Partial<ExperimentForm>) => void;
  errors: FieldErrors;
  /** A saved experiment's flag cannot change: it is shown, not edited. */
  locked: boolean;
}

/** The flag the experiment runs on: a new one made from variants and a split, or an existing multivariate flag. */
export function FlagSection({ projectId, form, onChange, errors, locked }: Props) {
  const id = useId();
  if (locked) {
    return (
      <p>
        Runs on the feature flag <strong className="mono">{form.flagKey}</strong> with variants {form.existingVariants.join(', ')}.
      </p>
    );
  }
  return (
    <div className="stack">
      <fieldset className="choice-row">
        <legend className="visually-hidden">Flag</legend>
        <label>
          <input type="radio" name={`${id}-mode`} checked={form.flagMode === 'new'} onChange={() => onChange({ flagMode: 'new', flagKey: '', existingVariants: [] })} />
          Create a new flag
        </label>
        <label>
          <input type="radio" name={`${id}-mode`} checked={form.flagMode === 'existing'} onChange={() => onChange({ flagMode: 'existing', flagKey: '', existingVariants: [] })} />
          Use an existing multivariate flag
        </label>
      </fieldset>
      {form.flagMode === 'new' ? (
        <>
          <FlagKeyField
            label="Feature flag key"
            value={form.flagKey}
            onChange={(flagKey) => onChange({ flagKey })}
            error={errors.flagKey}
            hint="What your code asks for. The flag stays off until the experiment is launched."
          />
          <VariantSplitEditor variants={form.variants} onChange={(variants) => onChange({ variants })} errors={errors} />
        </>
      ) : (
        <ExistingFlagPicker projectId={projectId} form={form} onChange={onChange} error={errors.flagKey} />
      )}
    </div>
  );
}

/** Searches the project's flags and picks one; flags an experiment cannot use say why. */
function ExistingFlagPicker({ projectId, form, onChange, error }: { projectId: number; form: ExperimentForm; onChange: Props['onChange']; error: string | undefined }) {
  const id = useId();
  const [typed, setTyped] = useState('');
  const search = useDebouncedValue(typed.trim(), 250);
  const flags = useFlagOptions(projectId, search);
  const options = flags.data?.results ?? [];
  const picked = options.find((f) => f.key === form.flagKey);
  const problem = picked ? flagProblem(picked) : null;
  return (
    <div className="stack">
      <div className="row">
        <label className="field">
          <span>Search flags</span>
          <input type="search" value={typed} placeholder="Flag key" onChange={(e) => setTyped(e.target.value)} />
        </label>
        <label className="field">
          <span>Feature flag</span>
          <select
            value={form.flagKey}
            onChange={(e) => {
              const flag = options.find((f) => f.key === e.target.value);
              onChange({ flagKey: e.target.value, existingVariants: (flag?.filters.multivariate?.variants ?? []).map((v) => v.key) });
            }}
            {...invalidProps(`${id}-error`, error ?? problem ?? undefined)}
          >
            <option value="">Pick a flag</option>
            {options.map((flag) => (
              <option key={flag.id} value={flag.key}>
                {flag.key}
                {flagProblem(flag) ? ' (not usable)' : ''}
              </option>
            ))}
          </select>
        </label>
      </div>
      {picked && !problem && <p className="muted small">Variants: {form.existingVariants.join(', ')}. The experiment compares each with control.</p>}
      <FieldError id={`${id}-error`} message={problem ?? error} />
    </div>
  );
}
