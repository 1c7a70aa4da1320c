import { IntervalSelect } from '../../series/IntervalSelect';
import { SeriesEditor } from '../../series/SeriesEditor';
import type { InsightEditorProps } from '../insight-kind';
import { withToggledStatuses } from './lifecycle-model';
import { LIFECYCLE_STATUSES, type LifecycleQuery } from './lifecycle-query';

/** One series, the interval, and which statuses to show. */
export function LifecycleEditor({ projectId, query, onChange }: InsightEditorProps<LifecycleQuery>) {
  const shown = query.lifecycleFilter?.toggledLifecycles?.length ? query.lifecycleFilter.toggledLifecycles : LIFECYCLE_STATUSES;
  return (
    <div className="stack">
      <SeriesEditor projectId={projectId} series={query.series ?? []} showMath={false} maxSeries={1} onChange={(series) => onChange({ ...query, series })} />
      <div className="row">
        <IntervalSelect value={query.interval ?? 'day'} onChange={(interval) => onChange({ ...query, interval })} />
        <fieldset className="row lifecycle-toggles">
          <legend>Show</legend>
          {LIFECYCLE_STATUSES.map((status) => (
            <label key={status} className="checkbox">
              <input
                type="checkbox"
                checked={shown.includes(status)}
                disabled={shown.length === 1 && shown.includes(status)}
                onChange={(e) => onChange(withToggledStatuses(query, e.target.checked ? [...shown, status] : shown.filter((s) => s !== status)))}
              />
              {status}
            </label>
          ))}
        </fieldset>
      </div>
    </div>
  );
}
