import { EventInput } from './EventInput';
import { MATH_LABELS, type MetricMath, type SourceForm } from './metric-form';

interface Props {
  projectId: number;
  /** Names the fields: "Metric", "Numerator", "Denominator". */
  label: string;
  source: SourceForm;
  onChange: (next: SourceForm) => void;
  errors: { event?: string; property?: string };
}

/** An event and how it adds up per person: a count, or the sum or average of a numeric property. */
export function SourceFields({ projectId, label, source, onChange, errors }: Props) {
  return (
    <div className="row metric-source">
      <EventInput projectId={projectId} label={`${label} event`} value={source.event} onChange={(event) => onChange({ ...source, event })} error={errors.event} />
      <label className="field">
        <span>{label} per person</span>
        <select value={source.math} onChange={(e) => onChange({ ...source, math: e.target.value as MetricMath })}>
          {(Object.keys(MATH_LABELS) as MetricMath[]).map((math) => (
            <option key={math} value={math}>
              {MATH_LABELS[math]}
            </option>
          ))}
        </select>
      </label>
      {source.math !== 'total' && (
        <EventInput
          projectId={projectId}
          label={`${label} property`}
          suggest="numeric-properties"
          value={source.property}
          onChange={(property) => onChange({ ...source, property })}
          error={errors.property}
        />
      )}
    </div>
  );
}
