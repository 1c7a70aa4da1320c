import { IntervalSelect } from '../../series/IntervalSelect';
import { SeriesEditor } from '../../series/SeriesEditor';
import type { InsightEditorProps } from '../insight-kind';
import type { StickinessQuery } from './stickiness-query';

/** Series (persons are counted, so no maths), the interval and whether counts are cumulative. */
export function StickinessEditor({ projectId, query, onChange }: InsightEditorProps<StickinessQuery>) {
  const cumulative = query.stickinessFilter?.computedAs === 'cumulative';
  return (
    <div className="stack">
      <SeriesEditor projectId={projectId} series={query.series ?? []} showMath={false} onChange={(series) => onChange({ ...query, series })} />
      <div className="row">
        <IntervalSelect value={query.interval ?? 'day'} onChange={(interval) => onChange({ ...query, interval })} />
        <label className="checkbox">
          <input
            type="checkbox"
            checked={cumulative}
            onChange={(e) => onChange({ ...query, stickinessFilter: { ...(query.stickinessFilter ?? {}), computedAs: e.target.checked ? 'cumulative' : 'non_cumulative' } })}
          />
          Cumulative (active in at least N intervals)
        </label>
      </div>
    </div>
  );
}
