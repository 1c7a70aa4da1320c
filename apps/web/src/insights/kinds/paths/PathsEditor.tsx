import { useEffect, useState } from 'react';
import { CommitInput } from '../funnels/CommitInput';
import type { InsightEditorProps } from '../insight-kind';
import { PathCleaningRules } from './PathCleaningRules';
import { PathExclusions } from './PathExclusions';
import { EVENT_TYPE_LABELS, MAX_STEPS, MIN_STEPS, setPathsFilter, toggleEventType, type PathEventType, type PathsQuery } from './paths-query-model';

/** Which events make a path, where it starts or ends, how deep it goes, how URLs are cleaned, what is left out. */
export function PathsEditor({ query, onChange }: InsightEditorProps<PathsQuery>) {
  const filter = query.pathsFilter ?? {};
  const types = filter.includeEventTypes ?? [];
  return (
    <div className="stack paths-editor">
      <fieldset className="row">
        <legend>Event types</legend>
        {(Object.keys(EVENT_TYPE_LABELS) as PathEventType[]).map((type) => (
          <label key={type} className="paths-check">
            <input
              type="checkbox"
              checked={types.includes(type)}
              onChange={(e) => onChange(setPathsFilter(query, { includeEventTypes: toggleEventType(types, type, e.target.checked) }))}
            />
            {EVENT_TYPE_LABELS[type]}
          </label>
        ))}
        {types.length === 0 && <span className="muted small">None ticked: every event counts.</span>}
      </fieldset>
      <div className="row paths-settings">
        <label className="field">
          <span>Start point</span>
          <CommitInput placeholder="any (e.g. /home)" value={filter.startPoint ?? ''} onCommit={(startPoint) => onChange(setPathsFilter(query, { startPoint }))} />
        </label>
        <label className="field">
          <span>End point</span>
          <CommitInput placeholder="any" value={filter.endPoint ?? ''} onCommit={(endPoint) => onChange(setPathsFilter(query, { endPoint }))} />
        </label>
        <StepLimit value={filter.stepLimit ?? 5} onChange={(stepLimit) => onChange(setPathsFilter(query, { stepLimit }))} />
      </div>
      <PathCleaningRules value={filter.localPathCleaningFilters ?? []} onChange={(rules) => onChange(setPathsFilter(query, { localPathCleaningFilters: rules }))} />
      <PathExclusions value={filter.excludeEvents ?? []} onChange={(excludeEvents) => onChange(setPathsFilter(query, { excludeEvents }))} />
    </div>
  );
}

function StepLimit({ value, onChange }: { value: number; onChange: (n: number) => void }) {
  const [text, setText] = useState(String(value));
  useEffect(() => setText(String(value)), [value]);
  const commit = () => {
    const n = Number(text);
    if (Number.isInteger(n) && n >= MIN_STEPS && n <= MAX_STEPS) {
      if (n !== value) onChange(n);
    } else setText(String(value));
  };
  return (
    <label className="field">
      <span>Steps</span>
      <input
        type="number"
        className="paths-steps"
        min={MIN_STEPS}
        max={MAX_STEPS}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
    </label>
  );
}
