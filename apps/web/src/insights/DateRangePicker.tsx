import { useId } from 'react';
import { DATE_PRESETS, customRange, datePresetOf, dayOf, presetRange, type DateRange } from './date-range-presets';

interface Props {
  value: DateRange | null | undefined;
  onChange: (next: DateRange) => void;
}

/** A preset range (last 7 days, this month, all time, …) or a custom one from two days. */
export function DateRangePicker({ value, onChange }: Props) {
  const id = useId();
  const preset = datePresetOf(value);
  const from = dayOf(value?.date_from);
  const to = dayOf(value?.date_to);
  return (
    <div className="row date-range-picker">
      <div className="field">
        <label htmlFor={`${id}-preset`}>Date range</label>
        <select
          id={`${id}-preset`}
          value={preset}
          onChange={(e) => onChange(e.target.value === 'custom' ? customRange(from || dayOf(new Date(Date.now() - 7 * 86_400_000).toISOString()), to) : presetRange(e.target.value))}
        >
          {DATE_PRESETS.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
          <option value="custom">Custom dates…</option>
        </select>
      </div>
      {preset === 'custom' && (
        <>
          <label className="field">
            <span>From</span>
            <input type="date" value={from} onChange={(e) => onChange(customRange(e.target.value, to))} />
          </label>
          <label className="field">
            <span>To</span>
            <input type="date" value={to} onChange={(e) => onChange(customRange(from, e.target.value))} />
          </label>
        </>
      )}
    </div>
  );
}
