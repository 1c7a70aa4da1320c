import { useEffect, useState } from 'react';
import { EventPicker } from '../funnels/EventPicker';
import { StepFilters } from '../funnels/StepFilters';
import type { InsightEditorProps } from '../insight-kind';
import {
  MAX_INTERVALS, PERIODS, RETENTION_TYPE_LABELS, entityToNode, nodeToEntity, parseIntervals, setRetentionFilter, type RetentionEntity,
  type RetentionPeriod, type RetentionQuery, type RetentionType,
} from './retention-query-model';

/** Who starts a cohort (target event), what counts as coming back (returning event), and over which periods. */
export function RetentionEditor({ projectId, query, onChange }: InsightEditorProps<RetentionQuery>) {
  const filter = query.retentionFilter ?? {};
  const entity = (which: 'targetEntity' | 'returningEntity', label: string, hint: string) => {
    const node = entityToNode(filter[which]);
    const set = (next: RetentionEntity) => onChange(setRetentionFilter(query, { [which]: next }));
    return (
      <fieldset className="stack">
        <legend>{label}</legend>
        <p className="muted small retention-hint">{hint}</p>
        <EventPicker projectId={projectId} label={label} emptyEvent="$pageview" placeholder="$pageview" value={node} onChange={(next) => set(nodeToEntity(next))} />
        <StepFilters
          projectId={projectId}
          label={`Filters of the ${label.toLowerCase()}`}
          value={node.properties}
          onChange={(properties) => set(nodeToEntity({ ...node, properties }))}
        />
      </fieldset>
    );
  };
  return (
    <div className="stack retention-editor">
      {entity('targetEntity', 'Start event', 'Persons enter a cohort in the period they do this.')}
      {entity('returningEntity', 'Returning event', 'They count as retained in each later period they do this.')}
      <div className="row retention-settings">
        <label className="field">
          <span>Retention type</span>
          <select
            value={filter.retentionType === 'retention_recurring' ? 'retention_recurring' : 'retention_first_time'}
            onChange={(e) => onChange(setRetentionFilter(query, { retentionType: e.target.value as RetentionType }))}
          >
            {(Object.keys(RETENTION_TYPE_LABELS) as RetentionType[]).map((t) => (
              <option key={t} value={t}>
                {RETENTION_TYPE_LABELS[t]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Period</span>
          <select value={filter.period ?? 'Day'} onChange={(e) => onChange(setRetentionFilter(query, { period: e.target.value as RetentionPeriod }))}>
            {PERIODS.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <IntervalsInput value={filter.totalIntervals ?? 8} onChange={(totalIntervals) => onChange(setRetentionFilter(query, { totalIntervals }))} />
        <label className="retention-check">
          <input type="checkbox" checked={Boolean(filter.cumulative)} onChange={(e) => onChange(setRetentionFilter(query, { cumulative: e.target.checked }))} />
          Count returns on or after each period (cumulative)
        </label>
      </div>
    </div>
  );
}

/** The number of periods, handed up when it is valid and the user leaves the box or presses Enter. */
function IntervalsInput({ value, onChange }: { value: number; onChange: (n: number) => void }) {
  const [text, setText] = useState(String(value));
  useEffect(() => setText(String(value)), [value]);
  const commit = () => {
    const n = parseIntervals(text);
    if (n === null) setText(String(value));
    else if (n !== value) onChange(n);
  };
  return (
    <label className="field">
      <span>Number of periods</span>
      <input
        type="number"
        min={1}
        max={MAX_INTERVALS}
        className="retention-intervals"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
    </label>
  );
}
