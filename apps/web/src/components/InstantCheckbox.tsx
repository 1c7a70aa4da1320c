import { useEffect, useState, type ReactNode } from 'react';

interface Props {
  /** The value as its source (the URL, the server) has it. */
  checked: boolean;
  onChange: (checked: boolean) => void;
  className?: string;
  /** The label's text. */
  children: ReactNode;
}

/**
 * A labelled checkbox whose source catches up a moment after the change event (the URL, a refetch): it holds the tick
 * from the event itself, because a box that flips back meanwhile reads as a click that did not take, and follows
 * `checked` whenever that changes.
 */
export function InstantCheckbox({ checked, onChange, className, children }: Props) {
  const [shown, setShown] = useState(checked);
  useEffect(() => setShown(checked), [checked]);
  return (
    <label className={className}>
      <input
        type="checkbox"
        checked={shown}
        onChange={(e) => {
          setShown(e.target.checked);
          onChange(e.target.checked);
        }}
      />
      {children}
    </label>
  );
}
