import { htmlSnippet } from '@warren/shared/setup-snippets';
import type { Config } from '../platform/config.js';
import type { BootstrapResult } from './bootstrap-install.js';

/** Prints the project token and the snippet to paste; on first start only the full snippet, later one line. */
export function printWelcome(bootstrap: BootstrapResult, config: Config, address: string): void {
  const host = config.siteUrl ?? address.replace('0.0.0.0', 'localhost').replace('[::]', 'localhost');
  const lines = [
    `Warren is listening on ${host} (data in ${config.dataDir})`,
    `Project ${bootstrap.projectId} API key: ${bootstrap.projectToken}`,
  ];
  if (bootstrap.projectSecretKey) {
    lines.push(`Project ${bootstrap.projectId} secret key (shown once; server SDKs' local flag evaluation): ${bootstrap.projectSecretKey}`);
  }
  if (bootstrap.created) {
    lines.push(
      '',
      'Paste this into the <head> of your pages:',
      '',
      htmlSnippet({ token: bootstrap.projectToken, host }),
      '',
      'Server side (posthog-python):  posthog.api_key = ' + `'${bootstrap.projectToken}'; posthog.host = '${host}'`,
      `Server side (posthog-node):    new PostHog('${bootstrap.projectToken}', { host: '${host}' })`,
    );
  }
  process.stdout.write(lines.join('\n') + '\n');
}
