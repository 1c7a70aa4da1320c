import { useState, type InputHTMLAttributes } from 'react';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> & {
  value: string;
  /** Called with the trimmed text on blur, on Enter, and at once when it equals one of `known`. */
  onCommit: (text: string) => void;
  known?: readonly string[];
};

/**
 * A text box that hands its value up only when the user is done with it (blur, Enter, or picking a suggestion), so a
 * query is not recalculated on every keystroke of an event name or a regex. Only text being typed is held here; the
 * rest of the time the box shows `value` itself, so a change from outside (a step moved up) shows in the same render
 * rather than one effect later.
 */
export function CommitInput({ value, onCommit, known, ...rest }: Props) {
  const [typed, setTyped] = useState<string | null>(null);
  const commit = (next: string) => {
    setTyped(null);
    if (next.trim() !== value) onCommit(next.trim());
  };
  return (
    <input
      {...rest}
      value={typed ?? value}
      onChange={(e) => {
        setTyped(e.target.value);
        if (known?.includes(e.target.value)) commit(e.target.value);
      }}
      onBlur={() => {
        if (typed !== null) commit(typed);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          if (typed !== null) commit(typed);
        }
      }}
    />
  );
}
