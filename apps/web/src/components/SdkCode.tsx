import { useId } from 'react';
import { CodeTabs } from './CodeTabs';

/** The same use of Warren written for each SDK that talks to it. */
export interface SdkSnippets {
  js: string;
  node: string;
  python: string;
}

/** A card titled `title` with the code for posthog-js, posthog-node and posthog-python in tabs. */
export function SdkCode({ title, snippets }: { title: string; snippets: SdkSnippets }) {
  const id = useId();
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} style={{ marginTop: 0 }}>
        {title}
      </h2>
      <CodeTabs
        label="SDK"
        tabs={[
          { key: 'js', label: 'posthog-js', code: snippets.js },
          { key: 'node', label: 'posthog-node', code: snippets.node },
          { key: 'python', label: 'posthog-python', code: snippets.python },
        ]}
      />
    </section>
  );
}
