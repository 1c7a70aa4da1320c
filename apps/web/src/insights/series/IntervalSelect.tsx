import { useId } from 'react';
import { INTERVALS, type Interval } from './series-model';

/** Group by hour, day, week or month. */
export function IntervalSelect({ value, onChange, disabled }: { value: Interval; onChange: (next: Interval) => void; disabled?: boolean }) {
  const id = useId();
  // The label sits beside the select, not around it: around it, the chosen option's text joins the label's name.
  return (
    <div className="field">
      <label htmlFor={id}>Interval</label>
      <select id={id} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value as Interval)}>
        {INTERVALS.map((i) => (
          <option key={i.value} value={i.value}>
            {i.label}
          </option>
        ))}
      </select>
    </div>
  );
}
