import { useId, useState } from 'react';
import { CodeBlock } from './CodeBlock';

export interface CodeTab {
  key: string;
  /** The tab's name, also the code block's caption (e.g. `posthog-js`). */
  label: string;
  code: string;
}

/** Code to copy in one tab per SDK or platform, the first shown until another is picked. */
export function CodeTabs({ label, tabs }: { label: string; tabs: CodeTab[] }) {
  const id = useId();
  const [picked, setPicked] = useState(tabs[0]?.key);
  const shown = tabs.find((t) => t.key === picked) ?? tabs[0];
  if (!shown) return null;
  return (
    <>
      <div role="tablist" aria-label={label} className="row">
        {tabs.map((t) => (
          <button
            key={t.key}
            id={`${id}-tab-${t.key}`}
            type="button"
            role="tab"
            aria-selected={t.key === shown.key}
            aria-controls={`${id}-panel`}
            className={t.key === shown.key ? 'primary small' : 'small'}
            onClick={() => setPicked(t.key)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-tab-${shown.key}`} style={{ marginTop: '0.5rem' }}>
        <CodeBlock code={shown.code} label={shown.label} />
      </div>
    </>
  );
}
