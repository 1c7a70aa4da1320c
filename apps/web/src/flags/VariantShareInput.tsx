import { FieldError, invalidProps } from './FieldError';

interface Props {
  /** The field's accessible name, e.g. `Rollout percentage of variant 2`. */
  label: string;
  value: number;
  onChange: (percent: number) => void;
  /** The id of the error under the field. */
  errorId: string;
  error: string | undefined;
}

/** A variant's share of people in percent (0 to 100, decimals allowed), with its error; empty while not a number. */
export function VariantShareInput({ label, value, onChange, errorId, error }: Props) {
  return (
    <>
      <input
        type="number"
        min={0}
        max={100}
        step="any"
        aria-label={label}
        value={Number.isFinite(value) ? value : ''}
        onChange={(e) => onChange(e.target.valueAsNumber)}
        {...invalidProps(errorId, error)}
      />
      <FieldError id={errorId} message={error} />
    </>
  );
}
