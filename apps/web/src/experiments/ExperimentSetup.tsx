import { useId, useState, type FormEvent } from 'react';
import type { ExperimentApi } from '@warren/shared/experiments-api';
import { FormSaveActions } from '../components/FormSaveActions';
import { NotSavedNotice } from '../components/NotSavedNotice';
import { useFormSave } from '../components/use-form-save';
import { FieldError, invalidProps } from '../flags/FieldError';
import { ExperimentCode } from './ExperimentCode';
import { ExposureSection } from './ExposureSection';
import { FlagSection } from './FlagSection';
import { HoldoutPicker } from './HoldoutPicker';
import { MetricList } from './MetricList';
import { SampleSizeCalculator } from './SampleSizeCalculator';
import { SavedMetricsPicker } from './SavedMetricsPicker';
import { errorSlot, experimentBody, suggestedFlagKey, validateExperiment, variantKeys, type ExperimentForm, type FieldErrors } from './experiment-form';
import { useSaveExperiment } from './experiments-api';
import { metricFromForm } from './metric-form';

interface Props {
  projectId: number;
  /** null for a new experiment. */
  experimentId: number | null;
  initial: ExperimentForm;
  onSaved: (experiment: ExperimentApi) => void;
}

/** Sets up an experiment (new, or a draft): flag and variants, exposure, metrics, method, sample size, and its code. */
export function ExperimentSetup({ projectId, experimentId, initial, onSaved }: Props) {
  const id = useId();
  const [form, setForm] = useState<ExperimentForm>(initial);
  const [keyTouched, setKeyTouched] = useState(experimentId !== null);
  const saving = useFormSave(errorSlot);
  const save = useSaveExperiment(projectId);
  const isNew = experimentId === null;
  const errors: FieldErrors = { ...(saving.attempted ? validateExperiment(form) : {}), ...saving.serverErrors };

  // Functional updates: the calculator reports its recommendation from an effect, after other edits of the render.
  const change = (patch: Partial<ExperimentForm>) => {
    if ('flagKey' in patch) setKeyTouched(patch.flagKey !== '');
    setForm((current) => {
      const next = { ...current, ...patch };
      // Until the key is typed, a new flag's key follows the experiment's name.
      if ('name' in patch && isNew && next.flagMode === 'new' && !keyTouched) next.flagKey = suggestedFlagKey(next.name);
      return next;
    });
    saving.edited();
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!saving.attempt(validateExperiment(form))) return;
    save.mutate(
      { id: experimentId, body: experimentBody(form, isNew) },
      {
        onSuccess: (saved) => {
          saving.saved();
          onSaved(saved);
        },
        onError: saving.failed,
      },
    );
  }

  const keys = variantKeys(form);
  const metricEvents = [...form.primaryMetrics, ...form.secondaryMetrics].flatMap((m) => {
    const metric = metricFromForm(m);
    if (metric.metric_type === 'funnel') return metric.series.map((s) => (s.kind === 'EventsNode' ? (s.event ?? '') : ''));
    if (metric.metric_type === 'mean') return [m.source.event];
    return [m.numerator.event, m.denominator.event];
  });
  return (
    <form ref={saving.formRef} className="experiment-setup" onSubmit={submit} noValidate aria-label={isNew ? 'New experiment' : 'Edit experiment'}>
      <NotSavedNotice title="The experiment was not saved" formError={saving.formError} fieldsMarked={saving.attempted && Object.keys(errors).length > 0} />

      <section className="card stack" aria-labelledby={`${id}-about`}>
        <h2 id={`${id}-about`}>Experiment</h2>
        <div className="field">
          <label htmlFor={`${id}-name`}>Name</label>
          <input id={`${id}-name`} type="text" value={form.name} placeholder="e.g. One-page checkout" onChange={(e) => change({ name: e.target.value })} {...invalidProps(`${id}-name-error`, errors.name)} />
          <FieldError id={`${id}-name-error`} message={errors.name} />
        </div>
        <label className="field">
          <span>Hypothesis (optional)</span>
          <textarea rows={2} value={form.description} placeholder="What you expect to change, and why" onChange={(e) => change({ description: e.target.value })} />
        </label>
      </section>

      <section className="card stack" aria-labelledby={`${id}-flag`}>
        <h2 id={`${id}-flag`}>Feature flag and variants</h2>
        <FlagSection projectId={projectId} form={form} onChange={change} errors={errors} locked={!isNew} />
      </section>

      <section className="card stack" aria-labelledby={`${id}-exposure`}>
        <h2 id={`${id}-exposure`}>Exposure</h2>
        <ExposureSection projectId={projectId} form={form} onChange={change} errors={errors} />
      </section>

      <section className="card stack" aria-labelledby={`${id}-holdout`}>
        <h2 id={`${id}-holdout`}>Holdout</h2>
        <HoldoutPicker projectId={projectId} holdoutId={form.holdoutId} onChange={(holdoutId) => change({ holdoutId })} error={errors.holdout} />
      </section>

      <section className="card stack" aria-labelledby={`${id}-metrics`}>
        <h2 id={`${id}-metrics`}>Metrics</h2>
        <p className="muted small" style={{ margin: 0 }}>
          Primary metrics decide the experiment; secondary ones are watched for side effects. Metrics can be added until launch.
        </p>
        <h3>Primary</h3>
        <MetricList projectId={projectId} kind="Primary" metrics={form.primaryMetrics} onChange={(primaryMetrics) => change({ primaryMetrics })} errors={errors} />
        <h3>Secondary</h3>
        <MetricList projectId={projectId} kind="Secondary" metrics={form.secondaryMetrics} onChange={(secondaryMetrics) => change({ secondaryMetrics })} errors={errors} />
        <h3>Saved metrics</h3>
        <SavedMetricsPicker projectId={projectId} chosen={form.savedMetrics} onChange={(savedMetrics) => change({ savedMetrics })} />
      </section>

      <section className="card stack" aria-labelledby={`${id}-stats`}>
        <h2 id={`${id}-stats`}>Statistics</h2>
        <fieldset className="choice-row">
          <legend className="visually-hidden">Method</legend>
          <label>
            <input type="radio" name={`${id}-method`} checked={form.statsMethod === 'bayesian'} onChange={() => change({ statsMethod: 'bayesian' })} />
            Bayesian <span className="muted small">(chance to win; the default)</span>
          </label>
          <label>
            <input type="radio" name={`${id}-method`} checked={form.statsMethod === 'frequentist'} onChange={() => change({ statsMethod: 'frequentist' })} />
            Frequentist <span className="muted small">(p-values and confidence intervals)</span>
          </label>
        </fieldset>
        <h3>Sample size</h3>
        <SampleSizeCalculator projectId={projectId} variantCount={Math.max(2, keys.length)} minimumDetectableEffect={form.minimumDetectableEffect} onChange={change} />
      </section>

      {form.flagKey.trim() !== '' && keys.length >= 2 && (
        <ExperimentCode flagKey={form.flagKey.trim()} variants={keys} exposureEvent={form.exposure === 'custom' ? form.customExposureEvent.trim() || null : null} metricEvents={metricEvents} />
      )}

      <FormSaveActions
        submitLabel={isNew ? 'Save as draft' : 'Save changes'}
        pending={save.isPending}
        backTo={`/project/${projectId}/experiments`}
        backLabel="Back to experiments"
        savedAt={saving.savedAt}
      />
    </form>
  );
}
