import { useState } from 'react';
import { setupSnippets, type SetupSnippets as Snippets } from '@warren/shared/setup-snippets';
import { CodeBlock } from './CodeBlock';

const TABS: { key: keyof Snippets; label: string }[] = [
  { key: 'html', label: 'HTML' },
  { key: 'flaskJinja', label: 'Flask / Jinja' },
  { key: 'django', label: 'Django' },
  { key: 'python', label: 'posthog-python' },
  { key: 'node', label: 'posthog-node' },
];

/** The snippet to paste and the server SDK set-up, for this project's token and this server's address. */
export function SetupSnippets({ token }: { token: string }) {
  const [tab, setTab] = useState<keyof Snippets>('html');
  const snippets = setupSnippets({ token, host: window.location.origin });
  return (
    <section aria-label="Set-up snippets">
      <div role="tablist" aria-label="Where to install" className="row">
        {TABS.map((t) => (
          <button key={t.key} type="button" role="tab" aria-selected={tab === t.key} className={tab === t.key ? 'primary small' : 'small'} onClick={() => setTab(t.key)}>
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" style={{ marginTop: '0.5rem' }}>
        <CodeBlock code={snippets[tab]} label={TABS.find((t) => t.key === tab)!.label} />
      </div>
    </section>
  );
}
