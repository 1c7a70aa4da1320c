import { randomUUID } from 'node:crypto';
import type { FlagsEvaluation } from '@warren/flags/evaluate-flags';
import { flagValueOf } from '@warren/flags/flag-evaluation';
import type { ProjectFlagSet } from './project-flags.js';

/** `/flags?v=2`: per flag `{key, enabled, variant, reason, metadata{id, version, payload, description}}`. */
export function flagsV2Response(result: FlagsEvaluation, set: Pick<ProjectFlagSet, 'metadata'>) {
  const flags: Record<string, unknown> = {};
  for (const [key, r] of Object.entries(result.flags)) {
    const meta = set.metadata.get(key);
    flags[key] = {
      key,
      enabled: r.enabled,
      variant: r.variant,
      reason: r.reason,
      metadata: { id: meta?.id ?? null, version: meta?.version ?? null, payload: r.payload, description: meta?.description ?? null },
    };
  }
  return { flags, errorsWhileComputingFlags: result.errorsWhileComputingFlags, requestId: randomUUID(), evaluatedAt: Date.now() };
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
