import { useId, type ReactNode } from 'react';
import { FieldError } from './FieldError';

interface Props {
  label: string;
  value: string;
  onChange: (key: string) => void;
  error: string | undefined;
  /** Said under the field while it has no error. */
  hint: ReactNode;
}

/** A flag key as code spells it (monospace, no autocomplete or spelling fixes), with its hint and error. */
export function FlagKeyField({ label, value, onChange, error, hint }: Props) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={`${id}-key`}>{label}</label>
      <input
        id={`${id}-key`}
        type="text"
        className="mono"
        value={value}
        autoComplete="off"
        spellCheck={false}
        placeholder="e.g. new-checkout"
        onChange={(e) => onChange(e.target.value)}
        {...(error ? { 'aria-invalid': true, 'aria-describedby': `${id}-key-error` } : { 'aria-describedby': `${id}-key-hint` })}
      />
      <span id={`${id}-key-hint`} className="muted small">
        {hint}
      </span>
      <FieldError id={`${id}-key-error`} message={error} />
    </div>
  );
}
