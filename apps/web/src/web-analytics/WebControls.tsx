import { useId } from 'react';
import { InstantCheckbox } from '../components/InstantCheckbox';
import { PERIODS, type PeriodValue, type WebPageState } from './web-page-state';

interface Props {
  state: WebPageState;
  onChange: (next: WebPageState) => void;
  /** Computes everything afresh (the server caches answers for hours); no Refresh button without it. */
  onRefresh?: () => void;
}

/** The range presets, the compare switch and (for members) a refresh. */
export function WebControls({ state, onChange, onRefresh }: Props) {
  const id = useId();
  return (
    <div className="row web-controls">
      <div className="field">
        <label htmlFor={`${id}-period`}>Date range</label>
        <select id={`${id}-period`} value={state.period} onChange={(e) => onChange({ ...state, period: e.target.value as PeriodValue })}>
          {PERIODS.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </select>
      </div>
      {/* The page state lives in the URL, which updates after the change event. */}
      <InstantCheckbox className="web-compare" checked={state.compare} onChange={(compare) => onChange({ ...state, compare })}>
        Compare to previous period
      </InstantCheckbox>
      {onRefresh && (
        <button type="button" className="small web-refresh" onClick={onRefresh}>
          Refresh
        </button>
      )}
    </div>
  );
}
