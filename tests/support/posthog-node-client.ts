import { PostHog, type PostHogOptions } from 'posthog-node';
import type { WarrenProcess } from './spawn-warren.js';

/**
 * A posthog-node client that evaluates flags locally: it polls Warren's definitions with the personal API key (once a
 * minute, so a test decides when they change), holds events until shutdown or 1,000 of them, and never retries a
 * request (a retry would hide a failure). `options` overrides any of that.
 */
export function localEvaluationClient(warren: WarrenProcess, options: Partial<PostHogOptions> = {}): PostHog {
  return new PostHog(warren.token, {
    host: warren.url,
    personalApiKey: warren.personalApiKey,
    featureFlagsPollingInterval: 60_000,
    flushAt: 1000,
    flushInterval: 60_000,
    fetchRetryCount: 0,
    ...options,
  });
}
