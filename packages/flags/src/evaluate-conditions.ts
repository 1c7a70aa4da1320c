import type { FlagDefinition, FlagValue } from './flag-definition.js';
import type { DependencyLookup, EvaluationContext } from './evaluation-context.js';
import { reasonOf, recordReason, trackedReason, type ReasonTracker } from './evaluation-reason.js';
import type { FlagEvaluation } from './flag-evaluation.js';
import type { FilterScope } from './filter-scope.js';
import { resolveConditionTarget, type FlagTarget } from './flag-target.js';
import { flagHash } from './hash.js';
import { InconclusiveMatchError, RequiresServerEvaluationError } from './inconclusive-match-error.js';
import { matchCondition, type ConditionOutcome } from './match-condition.js';
import type { MatchOptions } from './match-property.js';
import { mergeUndecided } from './match-cohort.js';
import { flagResult, type PreparedFlag } from './prepared-flag.js';
import { conditionVariant, matchingVariant } from './variant.js';

type Person = Extract<FlagTarget, { kind: 'target' }>;
/**
 * One flag's walk through its conditions, in one object: the scope its filters are matched against (properties set
 * per condition), the reason tracker, and what the walk has met.
 */
type Walk = FilterScope &
  ReasonTracker & {
    undecided: InconclusiveMatchError | undefined;
    /** Created on the first regex the SDK could not decide (local mode only). */
    regexValues: Set<FlagValue> | undefined;
    /** The id the last condition tried was hashed with (a match's variant is hashed with it too). */
    bucketingValue: string;
  };

/**
 * Tries the release conditions in order; the first match wins (enabled, with its variant). Without a match, the
 * flag is off for the most informative reason across conditions (ties go to the later one). `early_exit` stops at
 * the first condition whose filters matched but whose rollout excluded the id. In local mode, an undecidable
 * condition does not stop the walk, but the flag is undecidable unless a later condition settles it.
 * `options` are the context's match options (`matchOptionsOf`), when the caller keeps them.
 * @example evaluateConditions(prepareFlag(flag), target, ctx) // { key, enabled: true, variant: null, reason: condition_match 0, ... }
 */
export function evaluateConditions(
  prepared: PreparedFlag, target: Person, ctx: EvaluationContext, dependencies?: DependencyLookup, options?: MatchOptions,
): FlagEvaluation {
  const walk = takeWalk(ctx, options ?? matchOptionsOf(ctx), target, dependencies);
  try {
    return walkConditions(prepared, target, ctx, walk);
  } finally {
    releaseWalk(walk);
  }
}

function walkConditions(prepared: PreparedFlag, target: Person, ctx: EvaluationContext, walk: Walk): FlagEvaluation {
  const flag = prepared.flag;
  const conditions = flag.filters.groups ?? [];
  for (let index = 0; index < conditions.length; index++) {
    const outcome = tryCondition(prepared, index, target, ctx, walk);
    if (outcome === 'continue') continue;
    if (outcome === 'match') {
      const variant = prepared.conditions[index].variantOverride ?? matchingVariant(flag, walk.bucketingValue);
      settle(walk, variant ?? true);
      return flagResult(prepared, true, variant, reasonOf('condition_match', index));
    }
    if (outcome === 'out_of_rollout_bound' && flag.filters.early_exit) {
      if (walk.undecided) break;
      return flagResult(prepared, false, null, reasonOf(outcome, index));
    }
  }
  if (walk.undecided) throw walk.undecided;
  return flagResult(prepared, false, null, trackedReason(walk));
}

function tryCondition(prepared: PreparedFlag, index: number, target: Person, ctx: EvaluationContext, walk: Walk): ConditionOutcome | 'continue' {
  const flag = prepared.flag;
  const condition = flag.filters.groups![index];
  try {
    const conditionTarget = resolveConditionTarget(flag, condition, target, ctx);
    if (conditionTarget.kind === 'no_group_type') return skip(walk, 'no_group_type', index);
    const bucketingValue = conditionTarget.bucketingValue;
    // Device-bucketed person conditions without a device id are skipped, as the flags service does.
    if (bucketingValue === null) return skip(walk, 'out_of_rollout_bound', index);
    walk.properties = conditionTarget.properties;
    const outcome: ConditionOutcome = matchCondition(flag, condition, walk, bucketingValue, prepared.conditions[index]);
    walk.bucketingValue = bucketingValue;
    if (outcome === 'match') return outcome;
    recordReason(walk, outcome === 'no_match' ? 'no_condition_match' : 'out_of_rollout_bound', index);
    return outcome;
  } catch (error) {
    if (!(error instanceof InconclusiveMatchError) || error instanceof RequiresServerEvaluationError) throw error;
    walk.undecided = mergeUndecided(walk.undecided, error);
    if (error.regexUncertain) (walk.regexValues ??= new Set()).add(deferredValue(flag, index, target, ctx));
    return 'continue';
  }
}

function skip(walk: Walk, code: 'no_group_type' | 'out_of_rollout_bound', index: number): 'continue' {
  recordReason(walk, code, index);
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
function settle(walk: Walk, value: FlagValue): void {
  if (walk.regexValues && [...walk.regexValues].some((deferred) => deferred !== value)) throw walk.undecided!;
}

/**
 * The match options of an evaluation context (mode defaults to remote); evaluateFlags makes them once per call.
 * @example matchOptionsOf(ctx) // { mode: 'remote', now: ctx.now }
 */
export function matchOptionsOf(ctx: EvaluationContext): MatchOptions {
  return { mode: ctx.mode ?? 'remote', now: ctx.now };
}

// A request evaluates dozens of flags one after another, never one inside another's walk: one walk object is reused
// (a walk taken while the spare is out, were that ever to happen, is simply a new object).
let spareWalk: Walk | undefined;

function takeWalk(ctx: EvaluationContext, options: MatchOptions, target: Person, dependencies: DependencyLookup | undefined): Walk {
  const walk = spareWalk;
  if (walk === undefined) {
    // The tracker starts as newReasonTracker() does: no_group_type, no condition.
    return {
      ctx, options, properties: target.properties, dependencies,
      code: 'no_group_type', index: null, groupsSkipped: false,
      undecided: undefined, regexValues: undefined, bucketingValue: '',
    };
  }
  spareWalk = undefined;
  walk.ctx = ctx;
  walk.options = options;
  walk.properties = target.properties;
  walk.dependencies = dependencies;
  return walk;
}

// Resets the walk for its next use, holding on to nothing of this evaluation.
function releaseWalk(walk: Walk): void {
  walk.ctx = NO_CONTEXT;
  walk.options = NO_CONTEXT_OPTIONS;
  walk.properties = NO_PROPERTIES;
  walk.dependencies = undefined;
  walk.code = 'no_group_type';
  walk.index = null;
  walk.groupsSkipped = false;
  walk.undecided = undefined;
  walk.regexValues = undefined;
  walk.bucketingValue = '';
  spareWalk = walk;
}

const NO_PROPERTIES = {};
const NO_CONTEXT_OPTIONS: MatchOptions = { mode: 'remote', now: new Date(0) };
const NO_CONTEXT: EvaluationContext = { distinctId: '', personProperties: NO_PROPERTIES, groups: {}, groupProperties: {}, groupTypeMapping: {}, now: new Date(0) };
