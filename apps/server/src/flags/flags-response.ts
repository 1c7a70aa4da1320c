import { randomUUID } from 'node:crypto';
import type { FlagsEvaluation } from '@warren/flags/evaluate-flags';
import type { EvaluationReason, FlagEvaluation } from '@warren/flags/flag-evaluation';
import { flagValueOf } from '@warren/flags/flag-evaluation';
import type { ProjectFlagSet } from './project-flags.js';

/**
 * Serialized `/flags?v=2` entries of one flag set, each with its leading comma: flag key -> reason (interned by the
 * engine) -> outcome (the variant, "true" or off) -> bytes.
 */
export type AnswerFragments = Map<string, Map<EvaluationReason, Map<string, Buffer>>>;

const MAX_OUTCOMES_PER_REASON = 64;
const MAX_REASONS_PER_FLAG = 256;
const OFF = '\u0000off';
const TRUE = '\u0000true';
const ANSWER_OPEN = Buffer.from('{"flags":{');

/**
 * `/flags?v=2` as JSON bytes: per flag `{key, enabled, variant, reason, metadata{id, version, payload, description}}`.
 * A flag's entry depends only on its outcome (value and reason; the payload follows the value), so each distinct
 * entry is serialized once per flag set and the answer is a copy of cached bytes: building a 12.7 KB string per
 * request, measuring it and encoding it again on the socket cost a fifth of the request.
 * `configJson` (remote config, a JSON object) is merged in front of the flags when given.
 */
export function flagsV2Body(result: FlagsEvaluation, set: Pick<ProjectFlagSet, 'metadata' | 'fragments'>, configJson?: string): Buffer {
  const head = configJson === undefined ? ANSWER_OPEN : Buffer.from(`${configJson.slice(0, -1)},"flags":{`);
  const parts: Buffer[] = [head];
  let length = head.length;
  for (const key in result.flags) {
    let fragment = fragmentOf(key, result.flags[key], set);
    if (parts.length === 1) fragment = fragment.subarray(1);
    parts.push(fragment);
    length += fragment.length;
  }
  const tail = Buffer.from(`},"errorsWhileComputingFlags":${result.errorsWhileComputingFlags},"requestId":"${randomUUID()}","evaluatedAt":${Date.now()}}`, 'latin1');
  parts.push(tail);
  return Buffer.concat(parts, length + tail.length);
}

function fragmentOf(key: string, r: FlagEvaluation, set: Pick<ProjectFlagSet, 'metadata' | 'fragments'>): Buffer {
  let byReason = set.fragments.get(key);
  if (byReason === undefined) set.fragments.set(key, (byReason = new Map()));
  let byOutcome = byReason.get(r.reason);
  if (byOutcome === undefined) {
    byOutcome = new Map();
    // Only reasons beyond the engine's interning (condition indexes past 1,000) are new objects each time.
    if (byReason.size < MAX_REASONS_PER_FLAG) byReason.set(r.reason, byOutcome);
  }
  const outcome = r.enabled ? (r.variant ?? TRUE) : OFF;
  const cached = byOutcome.get(outcome);
  if (cached !== undefined) return cached;
  const meta = set.metadata.get(key);
  const entry = {
    key,
    enabled: r.enabled,
    variant: r.variant,
    reason: r.reason,
    metadata: { id: meta?.id ?? null, version: meta?.version ?? null, payload: r.payload, description: meta?.description ?? null },
  };
  const fragment = Buffer.from(`,${JSON.stringify(key)}:${JSON.stringify(entry)}`);
  // Reasons are interned and variants come from the definition, so this stays small; the bound guards the odd case.
  if (byOutcome.size < MAX_OUTCOMES_PER_REASON) byOutcome.set(outcome, fragment);
  return fragment;
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
