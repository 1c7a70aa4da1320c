import { useEffect, useState } from 'react';
import { cleaningRules, type PathCleaningRule } from './paths-query-model';

interface Props {
  value: PathCleaningRule[];
  onChange: (next: PathCleaningRule[]) => void;
}

/**
 * Regex → alias rules applied to every path element in order (e.g. `/user/\d+` → `/user/:id`). Edits are handed up
 * when a box is left, so a half-typed regex is never sent.
 */
export function PathCleaningRules({ value, onChange }: Props) {
  const [rows, setRows] = useState(() => value.map(({ regex, alias }) => ({ regex, alias })));
  useEffect(() => {
    setRows((current) => (JSON.stringify(cleaningRules(current)) === JSON.stringify(value) ? current : value.map(({ regex, alias }) => ({ regex, alias }))));
  }, [value]);
  const commit = (next = rows) => {
    const rules = cleaningRules(next);
    if (JSON.stringify(rules) !== JSON.stringify(value)) onChange(rules);
  };
  const edit = (index: number, patch: Partial<{ regex: string; alias: string }>) => setRows(rows.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  return (
    <fieldset className="stack paths-rules">
      <legend>Path cleaning rules</legend>
      {rows.length === 0 && <p className="muted small">Rules turn many similar URLs into one, e.g. /user/\d+ → /user/:id.</p>}
      {rows.map((row, index) => (
        <div key={index} className="row" role="group" aria-label={`Cleaning rule ${index + 1}`}>
          <input
            aria-label={`Rule ${index + 1} regex`}
            className="mono"
            placeholder="regex, e.g. /user/\d+"
            value={row.regex}
            onChange={(e) => edit(index, { regex: e.target.value })}
            onBlur={() => commit()}
            onKeyDown={(e) => e.key === 'Enter' && commit()}
          />
          <span aria-hidden="true">→</span>
          <input
            aria-label={`Rule ${index + 1} alias`}
            placeholder="alias, e.g. /user/:id"
            value={row.alias}
            onChange={(e) => edit(index, { alias: e.target.value })}
            onBlur={() => commit()}
            onKeyDown={(e) => e.key === 'Enter' && commit()}
          />
          <button
            type="button"
            className="icon-button"
            aria-label={`Remove rule ${index + 1}`}
            onClick={() => {
              const next = rows.filter((_, i) => i !== index);
              setRows(next);
              commit(next);
            }}
          >
            ×
          </button>
        </div>
      ))}
      <div>
        <button type="button" className="small" onClick={() => setRows([...rows, { regex: '', alias: '' }])}>
          + Add rule
        </button>
      </div>
    </fieldset>
  );
}
