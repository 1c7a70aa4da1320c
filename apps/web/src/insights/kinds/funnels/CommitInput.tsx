import { useEffect, useState, type InputHTMLAttributes } from 'react';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> & {
  value: string;
  /** Called with the trimmed text on blur, on Enter, and at once when it equals one of `known`. */
  onCommit: (text: string) => void;
  known?: readonly string[];
};

/**
 * A text box that hands its value up only when the user is done with it (blur, Enter, or picking a suggestion), so a
 * query is not recalculated on every keystroke of an event name or a regex.
 */
export function CommitInput({ value, onCommit, known, ...rest }: Props) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const commit = (next: string) => {
    if (next.trim() !== value) onCommit(next.trim());
  };
  return (
    <input
      {...rest}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        if (known?.includes(e.target.value)) commit(e.target.value);
      }}
      onBlur={() => commit(text)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          commit(text);
        }
      }}
    />
  );
}
