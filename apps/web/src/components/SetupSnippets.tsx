import { setupSnippets } from '@warren/shared/setup-snippets';
import { CodeTabs } from './CodeTabs';

/** The snippet to paste and the server SDK set-up, for this project's token and this server's address. */
export function SetupSnippets({ token }: { token: string }) {
  const snippets = setupSnippets({ token, host: window.location.origin });
  return (
    <section aria-label="Set-up snippets">
      <CodeTabs
        label="Where to install"
        tabs={[
          { key: 'html', label: 'HTML', code: snippets.html },
          { key: 'flaskJinja', label: 'Flask / Jinja', code: snippets.flaskJinja },
          { key: 'django', label: 'Django', code: snippets.django },
          { key: 'python', label: 'posthog-python', code: snippets.python },
          { key: 'node', label: 'posthog-node', code: snippets.node },
        ]}
      />
    </section>
  );
}
