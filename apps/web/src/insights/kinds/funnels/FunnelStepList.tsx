import { useEffect, useRef, useState } from 'react';
import { EventPicker } from './EventPicker';
import { StepFilters } from './StepFilters';
import { addStep, canAddStep, moveStep, removeStep, replaceStep, type FunnelsQuery } from './funnel-query-model';

interface Props {
  projectId: number;
  query: FunnelsQuery;
  onChange: (next: FunnelsQuery) => void;
}

/** The ordered steps: pick each one's event or action, filter it, move it up or down, remove it, add more. */
export function FunnelStepList({ projectId, query, onChange }: Props) {
  const list = useRef<HTMLOListElement>(null);
  // After a move the focus follows the step, so a keyboard user can press "up" again.
  const [focusAfterMove, setFocusAfterMove] = useState<{ index: number; direction: 'up' | 'down' } | null>(null);
  const [openFilters, setOpenFilters] = useState<Set<number>>(new Set());
  useEffect(() => {
    if (!focusAfterMove || !list.current) return;
    const { index, direction } = focusAfterMove;
    const button = list.current.querySelector<HTMLButtonElement>(`[data-step="${index}"][data-move="${direction}"]`);
    (button && !button.disabled ? button : list.current.querySelector<HTMLButtonElement>(`[data-step="${index}"][data-move]:not(:disabled)`))?.focus();
    setFocusAfterMove(null);
  }, [focusAfterMove]);

  const move = (index: number, delta: -1 | 1) => {
    onChange(moveStep(query, index, delta));
    setOpenFilters((open) => swapped(open, index, index + delta));
    setFocusAfterMove({ index: index + delta, direction: delta < 0 ? 'up' : 'down' });
  };
  const toggleFilters = (index: number) =>
    setOpenFilters((open) => {
      const next = new Set(open);
      if (next.has(index)) next.delete(index);
      else next.add(index);
      return next;
    });
  const last = query.series.length - 1;

  return (
    <fieldset className="funnel-steps-editor">
      <legend>Steps</legend>
      <ol ref={list} className="funnel-step-list">
        {query.series.map((step, index) => {
          const n = index + 1;
          const filterCount = step.properties?.length ?? 0;
          return (
            <li key={index} className="funnel-step-editor">
              <div className="row">
                <span className="funnel-step-number" aria-hidden="true">
                  {n}
                </span>
                <EventPicker projectId={projectId} label={`Step ${n} event`} value={step} onChange={(node) => onChange(replaceStep(query, index, node))} />
                <button
                  type="button"
                  className="small"
                  aria-expanded={openFilters.has(index)}
                  aria-label={`Filters of step ${n}${filterCount ? ` (${filterCount})` : ''}`}
                  onClick={() => toggleFilters(index)}
                >
                  Filters{filterCount ? ` (${filterCount})` : ''}
                </button>
                <button type="button" className="icon-button" data-step={index} data-move="up" aria-label={`Move step ${n} up`} disabled={index === 0} onClick={() => move(index, -1)}>
                  ↑
                </button>
                <button
                  type="button"
                  className="icon-button"
                  data-step={index}
                  data-move="down"
                  aria-label={`Move step ${n} down`}
                  disabled={index === last}
                  onClick={() => move(index, 1)}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Remove step ${n}`}
                  disabled={query.series.length <= 2}
                  onClick={() => {
                    onChange(removeStep(query, index));
                    setOpenFilters(new Set());
                  }}
                >
                  ×
                </button>
              </div>
              {openFilters.has(index) && (
                <StepFilters
                  projectId={projectId}
                  label={`Filters of step ${n}`}
                  value={step.properties}
                  onChange={(properties) => {
                    const node = { ...step, properties };
                    if (!properties) delete node.properties;
                    onChange(replaceStep(query, index, node));
                  }}
                />
              )}
            </li>
          );
        })}
      </ol>
      <button type="button" className="small" disabled={!canAddStep(query)} onClick={() => onChange(addStep(query))}>
        + Add step
      </button>
    </fieldset>
  );
}

function swapped(open: ReadonlySet<number>, a: number, b: number): Set<number> {
  const next = new Set<number>();
  for (const i of open) next.add(i === a ? b : i === b ? a : i);
  return next;
}
