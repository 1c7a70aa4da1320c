import { useRef, type KeyboardEvent } from 'react';
import type { InsightKindName } from './kinds/insight-kind';
import { INSIGHT_KINDS } from './kinds/registry';

interface Props {
  active: InsightKindName;
  onSelect: (kind: InsightKindName) => void;
  /** The id of the panel the tabs control. */
  panelId: string;
  idPrefix: string;
}

/** The kind tabs (Trends, Funnels, …): a tab list with arrow keys, Home and End, as the ARIA pattern has it. */
export function InsightKindTabs({ active, onSelect, panelId, idPrefix }: Props) {
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const last = INSIGHT_KINDS.length - 1;
    const target = event.key === 'ArrowRight' ? (index === last ? 0 : index + 1) : event.key === 'ArrowLeft' ? (index === 0 ? last : index - 1) : event.key === 'Home' ? 0 : event.key === 'End' ? last : null;
    if (target === null) return;
    event.preventDefault();
    tabs.current[target]?.focus();
    onSelect(INSIGHT_KINDS[target]!.kind);
  };
  return (
    <div role="tablist" aria-label="Insight kind" className="kind-tabs">
      {INSIGHT_KINDS.map((kind, index) => {
        const selected = kind.kind === active;
        return (
          <button
            key={kind.kind}
            ref={(el) => {
              tabs.current[index] = el;
            }}
            id={`${idPrefix}-${kind.kind}`}
            type="button"
            role="tab"
            aria-selected={selected}
            aria-controls={panelId}
            tabIndex={selected ? 0 : -1}
            className={selected ? 'active' : undefined}
            onClick={() => onSelect(kind.kind)}
            onKeyDown={(e) => onKeyDown(e, index)}
          >
            {kind.label}
          </button>
        );
      })}
    </div>
  );
}
