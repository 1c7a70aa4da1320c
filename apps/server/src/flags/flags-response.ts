import { randomUUID } from 'node:crypto';
import type { FlagsEvaluation } from '@warren/flags/evaluate-flags';
import { flagValueOf } from '@warren/flags/flag-evaluation';
import type { FlagDefinition } from '@warren/flags/flag-definition';

/** `/flags?v=2`: per flag `{key, enabled, variant, reason, metadata{id, version, payload, description}}`. */
export function flagsV2Response(result: FlagsEvaluation, definitions: readonly FlagDefinition[]) {
  const byKey = new Map(definitions.map((d) => [d.key, d]));
  const flags: Record<string, unknown> = {};
  for (const [key, r] of Object.entries(result.flags)) {
    const def = byKey.get(key);
    flags[key] = {
      key,
      enabled: r.enabled,
      variant: r.variant,
      reason: r.reason,
      metadata: { id: def?.id ?? null, version: def?.version ?? null, payload: r.payload, description: def?.name ?? null },
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
