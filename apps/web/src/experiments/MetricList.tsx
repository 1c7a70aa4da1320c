import { MetricEditor } from './MetricEditor';
import { emptyMetric, type MetricForm } from './metric-form';

interface Props {
  projectId: number;
  /** "Primary" or "Secondary". */
  kind: 'Primary' | 'Secondary';
  metrics: MetricForm[];
  onChange: (next: MetricForm[]) => void;
  /** The form's errors; this list's are under `primary.<i>.` or `secondary.<i>.`. */
  errors: Record<string, string>;
}

/** The experiment's primary (decide on these) or secondary (watch these) metrics, each editable, added and removed. */
export function MetricList({ projectId, kind, metrics, onChange, errors }: Props) {
  const prefix = kind.toLowerCase();
  const errorsOf = (index: number) =>
    Object.fromEntries(
      Object.entries(errors)
        .filter(([slot]) => slot.startsWith(`${prefix}.${index}.`))
        .map(([slot, message]) => [slot.slice(`${prefix}.${index}.`.length), message]),
    );
  return (
    <div className="stack">
      {metrics.map((metric, i) => (
        <MetricEditor
          key={metric.uid}
          projectId={projectId}
          label={`${kind} metric ${i + 1}`}
          metric={metric}
          errors={errorsOf(i)}
          onChange={(next) => onChange(metrics.map((m, j) => (j === i ? next : m)))}
          onRemove={() => onChange(metrics.filter((_, j) => j !== i))}
        />
      ))}
      <div>
        <button type="button" onClick={() => onChange([...metrics, emptyMetric('funnel')])}>
          + Add {prefix} metric
        </button>
      </div>
    </div>
  );
}
