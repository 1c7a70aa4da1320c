import type { FlagDefinition } from './flag-definition.js';
import type { DependencyLookup, EvaluationContext } from './evaluation-context.js';
import { evaluateConditions } from './evaluate-conditions.js';
import { reasonOf } from './evaluation-reason.js';
import type { EvaluationReason, FlagEvaluation } from './flag-evaluation.js';
import { FlagEvaluationError } from './flag-evaluation-error.js';
import { resolveFlagTarget, type FlagTarget } from './flag-target.js';
import { hasHoldout, holdoutVariant } from './holdout.js';
import { InconclusiveMatchError } from './inconclusive-match-error.js';
import { payloadFor } from './payload.js';
import { superConditionValue, usesEnrollment } from './super-condition.js';

/** Extra inputs `evaluateFlags` supplies: how to read the flags this one depends on. */
export interface EvaluateFlagOptions {
  dependencies?: DependencyLookup;
}

/**
 * Evaluates one flag as PostHog does: disabled → enrolment (super condition) → holdout → release conditions
 * → variant → payload. The hashed id is the distinct id, the group key for group-aggregated flags, or the
 * context's `hashKeyOverrides[flag.key]` (experience continuity). In `local` mode it throws
 * `InconclusiveMatchError` where posthog-node would fall back to `/flags`.
 * @example evaluateFlag(flag, { distinctId: 'user-1', personProperties: { plan: 'pro' }, groups: {}, groupProperties: {}, groupTypeMapping: {}, now: new Date() })
 */
export function evaluateFlag(flag: FlagDefinition, ctx: EvaluationContext, options: EvaluateFlagOptions = {}): FlagEvaluation {
  if (!flag.active || flag.deleted) return disabled(flag, reasonOf('flag_disabled', null));
  if (ctx.mode === 'local') assertSdkCanEvaluate(flag);
  try {
    const target = resolveFlagTarget(flag, ctx);
    if (target.kind === 'no_group_type') return disabled(flag, noGroupTypeReason(flag));
    return evaluateForTarget(flag, target, ctx, options);
  } catch (error) {
    if (error instanceof FlagEvaluationError) return failed(flag);
    throw error;
  }
}

function evaluateForTarget(
  flag: FlagDefinition, target: Extract<FlagTarget, { kind: 'target' }>, ctx: EvaluationContext, options: EvaluateFlagOptions,
): FlagEvaluation {
  const bucketingValue = target.bucketingValue ?? ctx.distinctId;
  if (ctx.mode !== 'local' && flag.filters.aggregation_group_type_index == null && usesEnrollment(flag)) {
    const scope = { ctx, options: { mode: 'remote' as const, now: ctx.now }, properties: ctx.personProperties, dependencies: options.dependencies };
    const enrolled = superConditionValue(flag, scope, bucketingValue);
    if (enrolled !== null) return enabledOrNot(flag, enrolled, null, reasonOf('super_condition_value', 0));
  }
  const heldOut = holdoutVariant(flag, bucketingValue);
  if (heldOut !== null) return enabledOrNot(flag, true, heldOut, reasonOf('holdout_condition_value', null));
  const result = evaluateConditions(flag, target, ctx, options.dependencies);
  if (!result.matched) return disabled(flag, result.reason);
  return enabledOrNot(flag, true, result.variant, reasonOf('condition_match', result.index));
}

// What posthog-node cannot evaluate from a definition at all; `local` mode gives up on it the same way, and
// for enrolment and legacy holdouts (which the SDK silently ignores) Warren's definitions make the SDK ask.
function assertSdkCanEvaluate(flag: FlagDefinition): void {
  if (flag.ensure_experience_continuity) {
    throw new InconclusiveMatchError('Flag has experience continuity enabled', 'experience_continuity');
  }
  if (usesEnrollment(flag) || (hasHoldout(flag) && !flag.filters.holdout)) {
    throw new InconclusiveMatchError('Early access enrolment and legacy holdouts need the server', 'unsupported_definition');
  }
}

// Every condition of a group flag is skipped without its group; ties go to the later condition.
function noGroupTypeReason(flag: FlagDefinition): EvaluationReason {
  const count = flag.filters.groups?.length ?? 0;
  return reasonOf('no_group_type', count > 0 ? count - 1 : null);
}

function enabledOrNot(flag: FlagDefinition, enabled: boolean, variant: string | null, reason: EvaluationReason): FlagEvaluation {
  if (!enabled) return disabled(flag, reason);
  return { key: flag.key, enabled: true, variant, reason, payload: payloadFor(flag, variant), failed: false };
}

function disabled(flag: FlagDefinition, reason: EvaluationReason): FlagEvaluation {
  return { key: flag.key, enabled: false, variant: null, reason, payload: null, failed: false };
}

function failed(flag: FlagDefinition): FlagEvaluation {
  return { key: flag.key, enabled: false, variant: null, reason: reasonOf('dependency_not_found', null), payload: null, failed: true };
}
