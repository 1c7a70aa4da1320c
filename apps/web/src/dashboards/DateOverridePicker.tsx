import { useEffect, useState, type FormEvent } from 'react';
import { customRange, DATE_OVERRIDE_PRESETS, presetOf, type DateOverride } from './date-override';

interface Props {
  value: DateOverride;
  pending: boolean;
  onChange: (range: DateOverride) => void;
}

/**
 * The date range every insight tile is shown with: none (each insight's own), a relative preset (saved as soon as it
 * is picked), or custom dates applied with a button.
 */
export function DateOverridePicker({ value, pending, onChange }: Props) {
  const [choice, setChoice] = useState(presetOf(value));
  const [from, setFrom] = useState(value.from && presetOf(value) === 'custom' ? value.from : '');
  const [to, setTo] = useState(value.to ?? '');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setChoice(presetOf(value)), [value.from, value.to]);

  const pick = (next: string) => {
    setChoice(next);
    setError(null);
    if (next === 'custom') return;
    onChange({ from: next === '' ? null : next, to: null });
  };
  const applyCustom = (event: FormEvent) => {
    event.preventDefault();
    const result = customRange(from, to);
    if ('error' in result) setError(result.error);
    else {
      setError(null);
      onChange(result.range);
    }
  };

  return (
    <form className="date-override" onSubmit={applyCustom}>
      <label className="field">
        <span>Date range for all tiles</span>
        <select value={choice} onChange={(e) => pick(e.target.value)} disabled={pending}>
          <option value="">Each insight's own dates</option>
          {DATE_OVERRIDE_PRESETS.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
          <option value="custom">Custom dates…</option>
        </select>
      </label>
      {choice === 'custom' && (
        <>
          <label className="field">
            <span>From</span>
            <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} required />
          </label>
          <label className="field">
            <span>To</span>
            <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          </label>
          <button type="submit" disabled={pending}>
            Apply dates
          </button>
        </>
      )}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
