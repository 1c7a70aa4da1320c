import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import type { LocalEvaluationDefinitions } from '../local-evaluation-definitions.js';

/** What one local evaluation by posthog-node returns for all flags. */
export interface SdkEvaluation {
  response: Record<string, boolean | string>;
  payloads: Record<string, unknown>;
  unresolved: Record<string, string>;
}

/** The slice of posthog-node's FeatureFlagsPoller the agreement test drives. */
export interface SdkPoller {
  loadFeatureFlags(forceReload?: boolean): Promise<void>;
  getAllFlagsAndPayloads(context: {
    distinctId: string;
    groups: Record<string, string>;
    personProperties: Record<string, unknown>;
    groupProperties: Record<string, Record<string, unknown>>;
    evaluationCache: Record<string, unknown>;
  }): Promise<SdkEvaluation>;
  stopPoller(timeoutMs?: number): Promise<void>;
}

/**
 * Builds posthog-node's own FeatureFlagsPoller (the class `PostHog` uses for local evaluation) in-process,
 * loaded from the installed package, and feeds it `definitions` through its `fetch` hook: no network.
 * The class is not in the package's public exports, so it is imported from its dist file by path.
 * @example const poller = await createSdkPoller(definitions, (error) => errors.push(error))
 */
export async function createSdkPoller(definitions: LocalEvaluationDefinitions, onError: (error: Error) => void): Promise<SdkPoller> {
  const require = createRequire(import.meta.url);
  const entry = require.resolve('posthog-node'); // …/posthog-node/dist/entrypoints/index.node.js
  const pollerFile = path.join(path.dirname(entry), '..', 'extensions', 'feature-flags', 'feature-flags.mjs');
  const module = (await import(pathToFileURL(pollerFile).href)) as { FeatureFlagsPoller: new (options: object) => SdkPoller };
  const body = JSON.stringify(definitions);
  const poller = new module.FeatureFlagsPoller({
    pollingInterval: null,
    personalApiKey: 'phx_agreement_test',
    projectApiKey: 'phc_agreement_test',
    host: 'http://warren.invalid',
    timeout: 1000,
    onError,
    fetch: async () => ({ status: 200, headers: new Headers({ ETag: '"v1"' }), json: async () => JSON.parse(body), text: async () => body }),
  });
  await poller.loadFeatureFlags();
  return poller;
}

/** posthog-node's single-filter matcher (`matchFeatureFlagProperty` in @posthog/core, which it depends on). */
export type SdkPropertyMatcher = (filter: object, properties: Record<string, unknown>) => boolean;

/**
 * Loads the property matcher posthog-node's local evaluation uses, from the core package it depends on.
 * @example const match = await loadSdkPropertyMatcher(); match({ key: 'plan', value: 'pro' }, { plan: 'pro' }) // true
 */
export async function loadSdkPropertyMatcher(): Promise<{ match: SdkPropertyMatcher; Inconclusive: new (...args: never[]) => Error }> {
  const fromNode = createRequire(createRequire(import.meta.url).resolve('posthog-node'));
  const core = (await import(pathToFileURL(fromNode.resolve('@posthog/core')).href)) as {
    matchFeatureFlagProperty: SdkPropertyMatcher;
    InconclusiveMatchError: new (...args: never[]) => Error;
  };
  return { match: core.matchFeatureFlagProperty, Inconclusive: core.InconclusiveMatchError };
}
