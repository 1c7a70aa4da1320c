import { useState } from 'react';
import { addExclusion } from './paths-query-model';

interface Props {
  value: string[];
  onChange: (next: string[]) => void;
}

/** Path elements (URLs, screens, event names) left out of every path. */
export function PathExclusions({ value, onChange }: Props) {
  const [text, setText] = useState('');
  const add = () => {
    const next = addExclusion(value, text);
    if (next.length !== value.length) onChange(next);
    setText('');
  };
  return (
    <fieldset className="stack paths-exclusions">
      <legend>Exclusions</legend>
      {value.length > 0 && (
        <ul className="paths-exclusion-list">
          {value.map((element) => (
            <li key={element} className="badge">
              <span className="mono">{element}</span>
              <button type="button" className="icon-button" aria-label={`Stop excluding ${element}`} onClick={() => onChange(value.filter((v) => v !== element))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="row">
        <input
          aria-label="Element to exclude"
          placeholder="e.g. /logout"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        />
        <button type="button" className="small" onClick={add} disabled={text.trim() === ''}>
          Exclude
        </button>
      </div>
    </fieldset>
  );
}
