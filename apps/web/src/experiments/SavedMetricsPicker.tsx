import { useState } from 'react';
import type { SavedMetricIdApi } from '@warren/shared/experiments-api';
import { metricSummary } from './metric-form';
import { useSavedMetrics } from './experiments-api';

interface Props {
  projectId: number;
  chosen: SavedMetricIdApi[];
  onChange: (next: SavedMetricIdApi[]) => void;
}

/** Adds the project's saved metrics (kept once, shared by many experiments) as primary or secondary metrics. */
export function SavedMetricsPicker({ projectId, chosen, onChange }: Props) {
  const saved = useSavedMetrics(projectId);
  const [pick, setPick] = useState('');
  const [type, setType] = useState<'primary' | 'secondary'>('primary');
  const all = saved.data?.results ?? [];
  const available = all.filter((m) => !chosen.some((c) => c.id === m.id));
  if (all.length === 0) return <p className="muted small">No saved metrics in this project yet.</p>;
  return (
    <div className="stack">
      {chosen.length > 0 && (
        <ul className="saved-metrics">
          {chosen.map((link) => {
            const metric = all.find((m) => m.id === link.id);
            return (
              <li key={link.id}>
                <strong>{metric?.name ?? `Saved metric ${link.id}`}</strong> <span className="badge">{link.metadata?.type ?? 'primary'}</span>{' '}
                {metric && <span className="muted small">{metricSummary(metric.query)}</span>}{' '}
                <button type="button" className="small" onClick={() => onChange(chosen.filter((c) => c.id !== link.id))}>
                  Remove {metric?.name ?? 'saved metric'}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {available.length > 0 && (
        <div className="row">
          <label className="field">
            <span>Saved metric</span>
            <select value={pick} onChange={(e) => setPick(e.target.value)}>
              <option value="">Pick a saved metric</option>
              {available.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Use as</span>
            <select value={type} onChange={(e) => setType(e.target.value as 'primary' | 'secondary')}>
              <option value="primary">Primary</option>
              <option value="secondary">Secondary</option>
            </select>
          </label>
          <button
            type="button"
            disabled={pick === ''}
            onClick={() => {
              onChange([...chosen, { id: Number(pick), metadata: { type } }]);
              setPick('');
            }}
          >
            Add saved metric
          </button>
        </div>
      )}
    </div>
  );
}
