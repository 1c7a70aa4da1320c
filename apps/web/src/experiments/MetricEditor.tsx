import { useId } from 'react';
import type { ExperimentMetricGoal, ExperimentMetricType } from '@warren/shared/experiments-api';
import { FieldError, invalidProps } from '../flags/FieldError';
import { EventInput } from './EventInput';
import { SourceFields } from './SourceFields';
import { TYPE_LABELS, emptyMetric, type MetricForm } from './metric-form';

interface Props {
  projectId: number;
  /** "Primary metric 1": names the card and prefixes its fields' labels. */
  label: string;
  metric: MetricForm;
  onChange: (next: MetricForm) => void;
  onRemove: () => void;
  /** This metric's errors keyed by field (`steps.0`, `source.event`, …). */
  errors: Record<string, string>;
}

const numberOrNull = (text: string) => (text.trim() === '' ? null : Number(text));

/** One metric: its type (funnel, mean, ratio), what it counts, its goal, outlier capping and conversion window. */
export function MetricEditor({ projectId, label, metric, onChange, onRemove, errors }: Props) {
  const id = useId();
  const set = (patch: Partial<MetricForm>) => onChange({ ...metric, ...patch });
  const pick = (prefix: string) => ({ event: errors[`${prefix}.event`], property: errors[`${prefix}.property`] });
  return (
    <fieldset className="metric-editor" aria-label={label}>
      <legend>{label}</legend>
      <div className="row">
        <label className="field">
          <span>Metric type</span>
          <select
            value={metric.type}
            onChange={(e) => {
              const type = e.target.value as ExperimentMetricType;
              // Switching type keeps the name, goal and window; the new type starts empty.
              onChange({ ...emptyMetric(type), uid: metric.uid, uuid: metric.uuid, name: metric.name, goal: metric.goal, conversionWindowDays: metric.conversionWindowDays });
            }}
          >
            {(Object.keys(TYPE_LABELS) as ExperimentMetricType[]).map((type) => (
              <option key={type} value={type}>
                {TYPE_LABELS[type]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Name (optional)</span>
          <input type="text" value={metric.name} onChange={(e) => set({ name: e.target.value })} />
        </label>
        <label className="field">
          <span>Goal</span>
          <select value={metric.goal} onChange={(e) => set({ goal: e.target.value as ExperimentMetricGoal })}>
            <option value="increase">Increase is good</option>
            <option value="decrease">Decrease is good</option>
          </select>
        </label>
        <button type="button" className="small metric-remove" onClick={onRemove}>
          Remove {label.toLowerCase()}
        </button>
      </div>

      {metric.type === 'funnel' && (
        <div className="stack">
          <p className="muted small">The share of exposed people who then do these steps, in order. The exposure is the funnel's first step.</p>
          {metric.steps.map((step, i) => (
            <div className="row" key={i}>
              <EventInput
                projectId={projectId}
                label={`${label} step ${i + 1}`}
                value={step}
                onChange={(event) => set({ steps: metric.steps.map((s, j) => (j === i ? event : s)) })}
                error={errors[`steps.${i}`]}
              />
              {metric.steps.length > 1 && (
                <button type="button" className="small" aria-label={`Remove ${label.toLowerCase()} step ${i + 1}`} onClick={() => set({ steps: metric.steps.filter((_, j) => j !== i) })}>
                  ×
                </button>
              )}
            </div>
          ))}
          <div>
            <button type="button" className="small" onClick={() => set({ steps: [...metric.steps, ''] })}>
              + Add step
            </button>
          </div>
        </div>
      )}

      {metric.type === 'mean' && (
        <div className="stack">
          <SourceFields projectId={projectId} label={label} source={metric.source} onChange={(source) => set({ source })} errors={pick('source')} />
          <div className="row">
            <label className="field">
              <span>Cap low values at percentile</span>
              <input type="number" min={0} max={100} step="any" placeholder="none" value={metric.lowerPercentile ?? ''} onChange={(e) => set({ lowerPercentile: numberOrNull(e.target.value) })} {...invalidProps(`${id}-lo`, errors.lowerPercentile)} />
              <FieldError id={`${id}-lo`} message={errors.lowerPercentile} />
            </label>
            <label className="field">
              <span>Cap high values at percentile</span>
              <input type="number" min={0} max={100} step="any" placeholder="none, e.g. 99" value={metric.upperPercentile ?? ''} onChange={(e) => set({ upperPercentile: numberOrNull(e.target.value) })} {...invalidProps(`${id}-hi`, errors.upperPercentile)} />
              <FieldError id={`${id}-hi`} message={errors.upperPercentile} />
            </label>
          </div>
          <p className="muted small">Capping keeps a few very large values (a bulk order, a bot) from swinging the mean: values beyond the percentile count as the percentile.</p>
        </div>
      )}

      {metric.type === 'ratio' && (
        <div className="stack">
          <SourceFields projectId={projectId} label={`${label} numerator`} source={metric.numerator} onChange={(numerator) => set({ numerator })} errors={pick('numerator')} />
          <SourceFields projectId={projectId} label={`${label} denominator`} source={metric.denominator} onChange={(denominator) => set({ denominator })} errors={pick('denominator')} />
        </div>
      )}

      <label className="field conversion-window">
        <span>Conversion window (days after exposure)</span>
        <input type="number" min={1} max={365} step={1} placeholder="until the end" value={metric.conversionWindowDays ?? ''} onChange={(e) => set({ conversionWindowDays: numberOrNull(e.target.value) })} {...invalidProps(`${id}-window`, errors.conversionWindowDays)} />
        <FieldError id={`${id}-window`} message={errors.conversionWindowDays} />
      </label>
    </fieldset>
  );
}
