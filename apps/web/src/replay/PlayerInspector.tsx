import { useId, useState, type ReactNode } from 'react';

export interface InspectorTab {
  id: string;
  label: string;
  /** Shown after the label, e.g. a count. */
  badge?: string;
  content: ReactNode;
}

/** The panes beside the player (events, console, network) as tabs; one shows at a time. */
export function PlayerInspector({ tabs }: { tabs: InspectorTab[] }) {
  const base = useId();
  const [selected, setSelected] = useState(tabs[0]?.id);
  const current = tabs.find((t) => t.id === selected) ?? tabs[0];
  return (
    <section className="replay-inspector card" aria-label="Inspector">
      <div role="tablist" aria-label="Inspector panes" className="replay-tabs">
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`${base}-${t.id}-tab`}
            aria-selected={t.id === current?.id}
            aria-controls={`${base}-${t.id}`}
            onClick={() => setSelected(t.id)}
          >
            {t.label}
            {t.badge !== undefined && <span className="badge">{t.badge}</span>}
          </button>
        ))}
      </div>
      {current && (
        <div role="tabpanel" id={`${base}-${current.id}`} aria-labelledby={`${base}-${current.id}-tab`} className="replay-pane">
          {current.content}
        </div>
      )}
    </section>
  );
}
