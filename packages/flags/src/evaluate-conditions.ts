import type { FlagDefinition, FlagValue } from './flag-definition.js';
import type { DependencyLookup, EvaluationContext } from './evaluation-context.js';
import { newReasonTracker, reasonOf, recordReason, trackedReason } from './evaluation-reason.js';
import type { EvaluationReason } from './flag-evaluation.js';
import { resolveConditionTarget, type FlagTarget } from './flag-target.js';
import { flagHash } from './hash.js';
import { InconclusiveMatchError, RequiresServerEvaluationError } from './inconclusive-match-error.js';
import { matchCondition, type ConditionOutcome } from './match-condition.js';
import type { MatchOptions } from './match-property.js';
import { mergeUndecided } from './match-cohort.js';
import { conditionVariant } from './variant.js';

/** Either the first matching condition (index and variant) or the reason none matched. */
export type ConditionsResult =
  | { matched: true; index: number; variant: string | null }
  | { matched: false; reason: EvaluationReason };

type Person = Extract<FlagTarget, { kind: 'target' }>;
type Walk = {
  undecided?: InconclusiveMatchError;
  /** Created on the first regex the SDK could not decide (local mode only). */
  regexValues?: Set<FlagValue>;
  tracker: ReturnType<typeof newReasonTracker>;
  options: MatchOptions;
};

/**
 * Tries the release conditions in order; the first match wins. Without a match, reports the most
 * informative reason across conditions (ties go to the later one). `early_exit` stops at the first
 * condition whose filters matched but whose rollout excluded the id. In local mode, an undecidable
 * condition does not stop the walk, but the flag is undecidable unless a later condition settles it.
 * @example evaluateConditions(flag, target, ctx) // { matched: true, index: 0, variant: null }
 */
export function evaluateConditions(flag: FlagDefinition, target: Person, ctx: EvaluationContext, dependencies?: DependencyLookup): ConditionsResult {
  const walk: Walk = { tracker: newReasonTracker(), options: { mode: ctx.mode ?? 'remote', now: ctx.now } };
  const conditions = flag.filters.groups ?? [];
  for (let index = 0; index < conditions.length; index++) {
    const step = tryCondition(flag, index, target, ctx, walk, dependencies);
    if (step === 'continue') continue;
    if (step.matched) return settle(walk, step);
    if (step.reason.code === 'out_of_rollout_bound' && flag.filters.early_exit) {
      if (walk.undecided) break;
      return step;
    }
  }
  if (walk.undecided) throw walk.undecided;
  return { matched: false, reason: trackedReason(walk.tracker) };
}

function tryCondition(
  flag: FlagDefinition, index: number, target: Person, ctx: EvaluationContext, walk: Walk, dependencies?: DependencyLookup,
): ConditionsResult | 'continue' {
  const condition = flag.filters.groups![index];
  try {
    const conditionTarget = resolveConditionTarget(flag, condition, target, ctx);
    if (conditionTarget.kind === 'no_group_type') return skip(walk, 'no_group_type', index);
    const bucketingValue = conditionTarget.bucketingValue;
    // Device-bucketed person conditions without a device id are skipped, as the flags service does.
    if (bucketingValue === null) return skip(walk, 'out_of_rollout_bound', index);
    const scope = { ctx, options: walk.options, properties: conditionTarget.properties, dependencies };
    const outcome: ConditionOutcome = matchCondition(flag, condition, scope, bucketingValue);
    if (outcome === 'match') return { matched: true, index, variant: conditionVariant(flag, condition, bucketingValue) };
    const code = outcome === 'no_match' ? 'no_condition_match' : 'out_of_rollout_bound';
    recordReason(walk.tracker, code, index);
    return { matched: false, reason: reasonOf(code, index) };
  } catch (error) {
    if (!(error instanceof InconclusiveMatchError) || error instanceof RequiresServerEvaluationError) throw error;
    walk.undecided = mergeUndecided(walk.undecided, error);
    if (error.regexUncertain) (walk.regexValues ??= new Set()).add(deferredValue(flag, index, target, ctx));
    return 'continue';
  }
}

function skip(walk: Walk, code: 'no_group_type' | 'out_of_rollout_bound', index: number): 'continue' {
  recordReason(walk.tracker, code, index);
  return 'continue';
}

// What a condition the SDK left to the server's regex engine would give if it matched.
function deferredValue(flag: FlagDefinition, index: number, target: Person, ctx: EvaluationContext): FlagValue {
  const condition = flag.filters.groups![index];
  const conditionTarget = resolveConditionTarget(flag, condition, target, ctx);
  const bucketingValue = conditionTarget.kind === 'target' ? (conditionTarget.bucketingValue ?? '') : '';
  const rollout = condition.rollout_percentage;
  if (flag.filters.early_exit && rollout != null && flagHash(flag.key, bucketingValue) > rollout / 100) return false;
  return conditionVariant(flag, condition, bucketingValue) ?? true;
}

// A later match cannot stand while an earlier regex condition, if it matched, would give another value.
function settle(walk: Walk, match: Extract<ConditionsResult, { matched: true }>): ConditionsResult {
  const value: FlagValue = match.variant ?? true;
  if (walk.regexValues && [...walk.regexValues].some((deferred) => deferred !== value)) throw walk.undecided!;
  return match;
}
