import { useId, useState } from 'react';
import { CodeBlock } from '../components/CodeBlock';
import { experimentSnippets, type ExperimentSnippets, type SnippetExperiment } from './experiment-snippets';

const TABS: { key: keyof ExperimentSnippets; label: string }[] = [
  { key: 'js', label: 'posthog-js' },
  { key: 'node', label: 'posthog-node' },
  { key: 'python', label: 'posthog-python' },
];

/** How to run the experiment from the browser, Node and Python SDKs: read the variant, branch, capture the metrics. */
export function ExperimentCode(props: SnippetExperiment) {
  const id = useId();
  const [tab, setTab] = useState<keyof ExperimentSnippets>('js');
  const snippets = experimentSnippets(props);
  const label = TABS.find((t) => t.key === tab)!.label;
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} style={{ marginTop: 0 }}>
        Add the experiment to your code
      </h2>
      <div role="tablist" aria-label="SDK" className="row">
        {TABS.map((t) => (
          <button
            key={t.key}
            id={`${id}-tab-${t.key}`}
            type="button"
            role="tab"
            aria-selected={tab === t.key}
            aria-controls={`${id}-panel`}
            className={tab === t.key ? 'primary small' : 'small'}
            onClick={() => setTab(t.key)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-tab-${tab}`} style={{ marginTop: '0.5rem' }}>
        <CodeBlock code={snippets[tab]} label={label} />
      </div>
    </section>
  );
}
