import { quoted } from '@warren/shared/setup-snippets';
import type { SdkSnippets } from '../components/SdkCode';

/** What the code snippets need to know about a flag. */
export interface SnippetFlag {
  key: string;
  /** Variant keys; empty for a boolean flag. */
  variants: string[];
  /** Whether any payload is set, so the snippet shows how to read it. */
  hasPayload: boolean;
}

/**
 * How to use a flag from posthog-js, posthog-node and posthog-python: the enabled check for a boolean flag, the
 * variant comparison for a multivariate one, and the payload call when a payload is set.
 * Example: flagSnippets({ key: 'new-checkout', variants: [], hasPayload: false }).js contains "posthog.isFeatureEnabled('new-checkout')"
 */
export function flagSnippets(flag: SnippetFlag): SdkSnippets {
  return { js: jsSnippet(flag), node: nodeSnippet(flag), python: pythonSnippet(flag) };
}

function jsSnippet({ key, variants, hasPayload }: SnippetFlag): string {
  const k = quoted(key);
  const lines =
    variants.length > 0
      ? [`if (posthog.getFeatureFlag(${k}) === ${quoted(variants[0])}) {`, `    // Do something for the ${variants[0]} variant`, '}']
      : [`if (posthog.isFeatureEnabled(${k})) {`, '    // Do something differently for this user', '}'];
  if (hasPayload) lines.push('', `const payload = posthog.getFeatureFlagPayload(${k})`);
  lines.push('', '// Flags load asynchronously: to act as soon as they arrive', 'posthog.onFeatureFlags(() => {', `    // posthog.getFeatureFlag(${k}) is ready here`, '})');
  return lines.join('\n');
}

function nodeSnippet({ key, variants, hasPayload }: SnippetFlag): string {
  const k = quoted(key);
  const lines =
    variants.length > 0
      ? [`const variant = await posthog.getFeatureFlag(${k}, distinctId)`, '', `if (variant === ${quoted(variants[0])}) {`, `    // Do something for the ${variants[0]} variant`, '}']
      : [`const enabled = await posthog.isFeatureEnabled(${k}, distinctId)`, '', 'if (enabled) {', '    // Do something differently for this user', '}'];
  if (hasPayload) lines.push('', `const payload = await posthog.getFeatureFlagPayload(${k}, distinctId)`);
  return lines.join('\n');
}

function pythonSnippet({ key, variants, hasPayload }: SnippetFlag): string {
  const k = quoted(key);
  const lines =
    variants.length > 0
      ? [`if posthog.get_feature_flag(${k}, distinct_id) == ${quoted(variants[0])}:`, `    # Do something for the ${variants[0]} variant`, '    pass']
      : [`if posthog.feature_enabled(${k}, distinct_id):`, '    # Do something differently for this user', '    pass'];
  if (hasPayload) lines.push('', `payload = posthog.get_feature_flag_payload(${k}, distinct_id)`);
  return lines.join('\n');
}
