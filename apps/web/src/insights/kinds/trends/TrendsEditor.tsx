import { useId } from 'react';
import type { InsightEditorProps } from '../insight-kind';
import { IntervalSelect } from '../../series/IntervalSelect';
import { SeriesEditor } from '../../series/SeriesEditor';
import { BreakdownEditor } from './BreakdownEditor';
import { DISPLAYS, displayOf, isTotalValueDisplay, withTrendsFilter, type TrendsQuery } from './trends-query';

/** Series with their maths, a formula, a breakdown, the interval and how the result is drawn. */
export function TrendsEditor({ projectId, query, onChange }: InsightEditorProps<TrendsQuery>) {
  const display = displayOf(query);
  const displayId = useId();
  return (
    <div className="stack">
      <SeriesEditor projectId={projectId} series={query.series ?? []} onChange={(series) => onChange({ ...query, series })} />
      <label className="field formula-field">
        <span>Formula</span>
        <input
          placeholder="e.g. A / B * 100 (optional)"
          value={query.trendsFilter?.formula ?? ''}
          onChange={(e) => onChange(withTrendsFilter(query, 'formula', e.target.value))}
        />
      </label>
      <BreakdownEditor projectId={projectId} query={query} onChange={onChange} />
      <div className="row">
        <IntervalSelect value={query.interval ?? 'day'} onChange={(interval) => onChange({ ...query, interval })} disabled={isTotalValueDisplay(display)} />
        <div className="field">
          <label htmlFor={displayId}>Display</label>
          <select id={displayId} value={display} onChange={(e) => onChange(withTrendsFilter(query, 'display', e.target.value))}>
            {DISPLAYS.map((d) => (
              <option key={d.value} value={d.value}>
                {d.label}
              </option>
            ))}
          </select>
        </div>
      </div>
    </div>
  );
}
