import type { FlagDefinition } from './flag-definition.js';
import type { DependencyLookup, EvaluationContext } from './evaluation-context.js';
import { evaluateConditions } from './evaluate-conditions.js';
import { reasonOf } from './evaluation-reason.js';
import type { EvaluationReason, FlagEvaluation } from './flag-evaluation.js';
import { FlagEvaluationError } from './flag-evaluation-error.js';
import { resolveFlagTarget, type FlagTarget } from './flag-target.js';
import { hasHoldout, holdoutVariant } from './holdout.js';
import { InconclusiveMatchError } from './inconclusive-match-error.js';
import type { MatchOptions } from './match-property.js';
import { flagResult, prepareFlag, type PreparedFlag } from './prepared-flag.js';
import { superConditionValue, usesEnrollment } from './super-condition.js';

/** Extra inputs `evaluateFlags` supplies: how to read the flags this one depends on, and the flag read once. */
export interface EvaluateFlagOptions {
  dependencies?: DependencyLookup;
  /** `prepareFlag(flag)`, kept by the caller across evaluations (a prepared flag set holds one per flag). */
  prepared?: PreparedFlag;
}

/**
 * Evaluates one flag as PostHog does: disabled → enrolment (super condition) → holdout → release conditions
 * → variant → payload. The hashed id is the distinct id, the group key for group-aggregated flags, or the
 * context's `hashKeyOverrides[flag.key]` (experience continuity). In `local` mode it throws
 * `InconclusiveMatchError` where posthog-node would fall back to `/flags`. Results are frozen and shared: one
 * object per outcome of the prepared flag (`options.prepared` is `prepareFlag` of this flag), except failures.
 * @example evaluateFlag(flag, { distinctId: 'user-1', personProperties: { plan: 'pro' }, groups: {}, groupProperties: {}, groupTypeMapping: {}, now: new Date() })
 */
export function evaluateFlag(flag: FlagDefinition, ctx: EvaluationContext, options: EvaluateFlagOptions = {}): FlagEvaluation {
  return evaluatePreparedFlag(options.prepared ?? prepareFlag(flag), ctx, options.dependencies);
}

/**
 * `evaluateFlag` of a flag already read (`prepareFlag`), as `evaluateFlags` calls it for each flag of a prepared set
 * (with the context's match options, made once: `matchOptionsOf(ctx)`).
 * @example evaluatePreparedFlag(prepareFlag(flag), ctx, lookup)
 */
export function evaluatePreparedFlag(prepared: PreparedFlag, ctx: EvaluationContext, dependencies?: DependencyLookup, options?: MatchOptions): FlagEvaluation {
  const flag = prepared.flag;
  if (!flag.active || flag.deleted) return flagResult(prepared, false, null, reasonOf('flag_disabled', null));
  if (ctx.mode === 'local') assertSdkCanEvaluate(flag);
  try {
    const target = resolveFlagTarget(flag, ctx);
    if (target.kind === 'no_group_type') return flagResult(prepared, false, null, noGroupTypeReason(flag));
    return evaluateForTarget(prepared, target, ctx, dependencies, options);
  } catch (error) {
    if (error instanceof FlagEvaluationError) return failed(flag);
    throw error;
  }
}

function evaluateForTarget(
  prepared: PreparedFlag, target: Extract<FlagTarget, { kind: 'target' }>, ctx: EvaluationContext, dependencies: DependencyLookup | undefined,
  options: MatchOptions | undefined,
): FlagEvaluation {
  const flag = prepared.flag;
  const bucketingValue = target.bucketingValue ?? ctx.distinctId;
  if (prepared.enrollment && ctx.mode !== 'local' && flag.filters.aggregation_group_type_index == null) {
    const scope = { ctx, options: { mode: 'remote' as const, now: ctx.now }, properties: ctx.personProperties, dependencies };
    const enrolled = superConditionValue(flag, scope, bucketingValue);
    if (enrolled !== null) return flagResult(prepared, enrolled, null, reasonOf('super_condition_value', 0));
  }
  const heldOut = prepared.holdout ? holdoutVariant(flag, bucketingValue) : null;
  if (heldOut !== null) return flagResult(prepared, true, heldOut, reasonOf('holdout_condition_value', null));
  return evaluateConditions(prepared, target, ctx, dependencies, options);
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

function failed(flag: FlagDefinition): FlagEvaluation {
  return { key: flag.key, enabled: false, variant: null, reason: reasonOf('dependency_not_found', null), payload: null, failed: true };
}
