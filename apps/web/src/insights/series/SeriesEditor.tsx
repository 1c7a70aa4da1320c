import { SeriesRow } from './SeriesRow';
import { eventSeries, type SeriesNode } from './series-model';

interface Props {
  projectId: number;
  series: SeriesNode[];
  onChange: (next: SeriesNode[]) => void;
  /** Trends choose a math per series; stickiness and lifecycle do not. */
  showMath?: boolean;
  /** Lifecycle takes exactly one series. */
  maxSeries?: number;
}

/** The list of series of a trends, stickiness or lifecycle query: add, edit, rename and remove. */
export function SeriesEditor({ projectId, series, onChange, showMath = true, maxSeries = 50 }: Props) {
  return (
    <fieldset className="series-editor">
      <legend>Series</legend>
      <ol className="series-list">
        {series.map((node, index) => (
          <SeriesRow
            key={index}
            projectId={projectId}
            index={index}
            node={node}
            showMath={showMath}
            onChange={(next) => onChange(series.map((s, i) => (i === index ? next : s)))}
            onRemove={series.length > 1 ? () => onChange(series.filter((_, i) => i !== index)) : undefined}
          />
        ))}
      </ol>
      {series.length < maxSeries && (
        <button type="button" className="small" onClick={() => onChange([...series, eventSeries('$pageview')])}>
          + Add series
        </button>
      )}
    </fieldset>
  );
}
