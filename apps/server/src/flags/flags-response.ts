import { randomUUID } from 'node:crypto';
import type { FlagsEvaluation } from '@warren/flags/evaluate-flags';
import { flagValueOf } from '@warren/flags/flag-evaluation';
import type { ProjectFlagSet } from './project-flags.js';

const MAX_FRAGMENTS = 20_000;

/**
 * `/flags?v=2` as JSON text: per flag `{key, enabled, variant, reason, metadata{id, version, payload, description}}`.
 * A flag's entry depends only on its outcome (value, reason, condition), so each distinct entry is serialized once
 * per flag set and reused: serializing the whole answer on every request was an eighth of the request's cost.
 */
export function flagsV2Json(result: FlagsEvaluation, set: Pick<ProjectFlagSet, 'metadata' | 'fragments'>): string {
  let flags = '';
  for (const key in result.flags) {
    const r = result.flags[key];
    const id = `${key}\u0000${r.enabled}\u0000${r.variant}\u0000${r.reason.code}\u0000${r.reason.condition_index}\u0000${r.payload}`;
    let fragment = set.fragments.get(id);
    if (fragment === undefined) {
      const meta = set.metadata.get(key);
      const entry = {
        key,
        enabled: r.enabled,
        variant: r.variant,
        reason: r.reason,
        metadata: { id: meta?.id ?? null, version: meta?.version ?? null, payload: r.payload, description: meta?.description ?? null },
      };
      fragment = `${JSON.stringify(key)}:${JSON.stringify(entry)}`;
      if (set.fragments.size < MAX_FRAGMENTS) set.fragments.set(id, fragment);
    }
    flags += flags === '' ? fragment : ',' + fragment;
  }
  return `{"flags":{${flags}},"errorsWhileComputingFlags":${result.errorsWhileComputingFlags},"requestId":"${randomUUID()}","evaluatedAt":${Date.now()}}`;
}

/** `/flags` without v=2 and `/decide`: `{featureFlags: {key: true|false|variant}, featureFlagPayloads}`. */
export function flagsV1Response(result: FlagsEvaluation) {
  const featureFlags: Record<string, boolean | string> = {};
  const featureFlagPayloads: Record<string, string> = {};
  for (const [key, r] of Object.entries(result.flags)) {
    featureFlags[key] = flagValueOf(r);
    if (r.enabled && r.payload !== null) featureFlagPayloads[key] = r.payload;
  }
  return { featureFlags, featureFlagPayloads, errorsWhileComputingFlags: result.errorsWhileComputingFlags, requestId: randomUUID() };
}
