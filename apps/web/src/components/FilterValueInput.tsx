import { useState } from 'react';
import { filterValue, typedValue, type PropertyFilter, type PropertyOperator } from './property-filter-model';

interface Props {
  operator: PropertyOperator;
  value: PropertyFilter['value'];
  onChange: (value: PropertyFilter['value']) => void;
}

/** A property filter's value: keeps the typed text (so "a," can become "a, b") while handing the parsed value up. */
export function FilterValueInput({ operator, value, onChange }: Props) {
  const [text, setText] = useState(() => typedValue(value));
  return (
    <input
      aria-label="Value"
      placeholder="value"
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onChange(filterValue(operator, e.target.value));
      }}
    />
  );
}
