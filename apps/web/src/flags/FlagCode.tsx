import { useState } from 'react';
import { CodeBlock } from '../components/CodeBlock';
import { flagSnippets, type FlagSnippets } from './flag-snippets';

const TABS: { key: keyof FlagSnippets; label: string }[] = [
  { key: 'js', label: 'posthog-js' },
  { key: 'node', label: 'posthog-node' },
  { key: 'python', label: 'posthog-python' },
];

/** How to read this flag from the browser, Node and Python SDKs. */
export function FlagCode({ flagKey, variants, hasPayload }: { flagKey: string; variants: string[]; hasPayload: boolean }) {
  const [tab, setTab] = useState<keyof FlagSnippets>('js');
  const snippets = flagSnippets({ key: flagKey, variants, hasPayload });
  const label = TABS.find((t) => t.key === tab)!.label;
  return (
    <section className="card" aria-labelledby="flag-code-title">
      <h2 id="flag-code-title" style={{ marginTop: 0 }}>
        Use this flag in your code
      </h2>
      <div role="tablist" aria-label="SDK" className="row">
        {TABS.map((t) => (
          <button
            key={t.key}
            id={`flag-code-tab-${t.key}`}
            type="button"
            role="tab"
            aria-selected={tab === t.key}
            aria-controls="flag-code-panel"
            className={tab === t.key ? 'primary small' : 'small'}
            onClick={() => setTab(t.key)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="flag-code-panel" aria-labelledby={`flag-code-tab-${tab}`} style={{ marginTop: '0.5rem' }}>
        <CodeBlock code={snippets[tab]} label={label} />
      </div>
    </section>
  );
}
