import { randomUUID } from 'node:crypto';
import type { FlagsEvaluation } from '@warren/flags/evaluate-flags';
import type { FlagEvaluation } from '@warren/flags/flag-evaluation';
import { flagValueOf } from '@warren/flags/flag-evaluation';
import type { ProjectFlagSet } from './project-flags.js';

/**
 * Serialized `/flags?v=2` entries of one flag set, each with its leading comma, by result. The engine gives one
 * frozen result object per outcome of a prepared flag set (flag, reason, value; the payload follows the value), so
 * an outcome's entry is serialized once; results made afresh (rare: failures) are serialized each time.
 */
export type AnswerFragments = WeakMap<FlagEvaluation, Buffer>;

const ANSWER_OPEN = Buffer.from('{"flags":{');

/**
 * `/flags?v=2` as JSON bytes: per flag `{key, enabled, variant, reason, metadata{id, version, payload, description}}`.
 * A flag's entry depends only on its outcome, so each distinct entry is serialized once per flag set and the answer
 * is a copy of cached bytes: building a 12.7 KB string per request, measuring it and encoding it again on the socket
 * cost a fifth of the request. `configJson` (remote config, a JSON object) is merged in front of the flags when given.
 */
export function flagsV2Body(result: FlagsEvaluation, set: Pick<ProjectFlagSet, 'metadata' | 'fragments'>, configJson?: string): Buffer {
  const head = configJson === undefined ? ANSWER_OPEN : Buffer.from(`${configJson.slice(0, -1)},"flags":{`);
  const tail = `},"errorsWhileComputingFlags":${result.errorsWhileComputingFlags},"requestId":"${randomUUID()}","evaluatedAt":${Date.now()}}`;
  // Sized first, then copied into one buffer: no list of parts, no per-part views (the first entry drops its comma).
  let length = head.length + tail.length - (result.flags.length > 0 ? 1 : 0);
  for (const flag of result.flags) length += fragmentOf(flag, set).length;
  const answer = Buffer.allocUnsafe(length);
  let at = head.copy(answer, 0);
  for (let i = 0; i < result.flags.length; i++) at += fragmentOf(result.flags[i], set).copy(answer, at, i === 0 ? 1 : 0);
  answer.write(tail, at, 'latin1');
  return answer;
}

function fragmentOf(r: FlagEvaluation, set: Pick<ProjectFlagSet, 'metadata' | 'fragments'>): Buffer {
  const cached = set.fragments.get(r);
  if (cached !== undefined) return cached;
  const key = r.key;
  const meta = set.metadata.get(key);
  const entry = {
    key,
    enabled: r.enabled,
    variant: r.variant,
    reason: r.reason,
    metadata: { id: meta?.id ?? null, version: meta?.version ?? null, payload: r.payload, description: meta?.description ?? null },
  };
  const fragment = Buffer.from(`,${JSON.stringify(key)}:${JSON.stringify(entry)}`);
  set.fragments.set(r, fragment);
  return fragment;
}

/** `/flags` without v=2 and `/decide`: `{featureFlags: {key: true|false|variant}, featureFlagPayloads}`. */
export function flagsV1Response(result: FlagsEvaluation) {
  // Keyed by flag keys, which may be any name (`__proto__` too): no prototype.
  const featureFlags: Record<string, boolean | string> = Object.create(null);
  const featureFlagPayloads: Record<string, string> = Object.create(null);
  for (const r of result.flags) {
    featureFlags[r.key] = flagValueOf(r);
    if (r.enabled && r.payload !== null) featureFlagPayloads[r.key] = r.payload;
  }
  return { featureFlags, featureFlagPayloads, errorsWhileComputingFlags: result.errorsWhileComputingFlags, requestId: randomUUID() };
}
