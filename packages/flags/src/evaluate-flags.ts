import type { FlagDefinition } from './flag-definition.js';
import type { DependencyValue, EvaluationContext } from './evaluation-context.js';
import { evaluateFlag } from './evaluate-flag.js';
import { reasonOf } from './evaluation-reason.js';
import { flagValueOf, type FlagEvaluation } from './flag-evaluation.js';
import { dependencyRefs, indexFlags } from './flag-dependencies.js';
import { InconclusiveMatchError, RequiresServerEvaluationError, type UnresolvedReason } from './inconclusive-match-error.js';

/** Results of evaluating a set of flags for one person. */
export interface FlagsEvaluation {
  /** By flag key. In local mode, flags that could not be decided are absent here and listed in `unresolved`. */
  flags: Record<string, FlagEvaluation>;
  /** Local mode only: why each undecided flag could not be evaluated. */
  unresolved: Record<string, UnresolvedReason>;
  errorsWhileComputingFlags: boolean;
}

type Outcome =
  | { kind: 'result'; result: FlagEvaluation }
  | { kind: 'unresolved'; reason: UnresolvedReason; requiresServer: boolean }
  | { kind: 'cycle' };

/**
 * Evaluates every active, non-deleted flag (or only `onlyKeys`), resolving `type: "flag"` filters by
 * evaluating the referenced flags first. A flag in or behind a dependency cycle fails (errorsWhileComputingFlags);
 * one referencing a missing flag reads `missing_dependency`, as in the flags service.
 * @example evaluateFlags(flags, ctx, { onlyKeys: ['checkout-test'] }).flags['checkout-test'].variant // 'test'
 */
export function evaluateFlags(
  flags: readonly FlagDefinition[],
  ctx: EvaluationContext,
  options: { onlyKeys?: string[]; prepared?: PreparedFlagSet } = {},
): FlagsEvaluation {
  const prepared = options.prepared ?? prepareFlagSet(flags, ctx.cohorts);
  const index = prepared.index;
  const memo = new Map<string, Outcome>();
  const wanted = options.onlyKeys ? new Set(options.onlyKeys) : null;
  const out: FlagsEvaluation = { flags: {}, unresolved: {}, errorsWhileComputingFlags: false };
  const stack = new Set<string>();
  const lookup = (ref: string): DependencyValue => dependencyValue(ref, index, memo);
  for (const flag of flags) {
    if (flag.deleted || !flag.active || (wanted && !wanted.has(flag.key))) continue;
    const outcome = evaluateInOrder(flag, ctx, prepared, memo, stack, lookup);
    if (outcome.kind === 'unresolved') out.unresolved[flag.key] = outcome.reason;
    else if (outcome.kind === 'cycle' && ctx.mode === 'local') out.unresolved[flag.key] = 'unsupported_definition';
    else {
      const result = outcome.kind === 'cycle' ? notComputed(flag, true) : outcome.result;
      out.flags[flag.key] = result;
      out.errorsWhileComputingFlags ||= result.failed;
    }
  }
  return out;
}

/**
 * What evaluateFlags derives from a flag set alone (the id/key index and each flag's dependency references); build
 * it once per flag set and pass it as `prepared` so a request does not rebuild it.
 * @example const prepared = prepareFlagSet(flags, cohorts); evaluateFlags(flags, ctx, { prepared })
 */
export interface PreparedFlagSet {
  index: Map<string, FlagDefinition>;
  refs: Map<string, string[]>;
  /** Keys of the flags some flag depends on: only their outcomes are kept for reading back. */
  referenced: Set<string>;
}

export function prepareFlagSet(flags: readonly FlagDefinition[], cohorts?: EvaluationContext['cohorts']): PreparedFlagSet {
  const refs = new Map<string, string[]>();
  for (const flag of flags) refs.set(flag.key, dependencyRefs(flag, cohorts));
  const index = indexFlags(flags);
  const referenced = new Set<string>();
  for (const list of refs.values()) for (const ref of list) referenced.add(index.get(ref)?.key ?? ref);
  return { index, refs, referenced };
}

function evaluateInOrder(
  flag: FlagDefinition, ctx: EvaluationContext, prepared: PreparedFlagSet, memo: Map<string, Outcome>, stack: Set<string>,
  lookup: (ref: string) => DependencyValue,
): Outcome {
  const preparedRefs = prepared.refs.get(flag.key);
  // A flag without dependencies that none depends on is evaluated once, here, and never read back: no bookkeeping.
  if (preparedRefs !== undefined && preparedRefs.length === 0 && !prepared.referenced.has(flag.key)) return evaluateGuarded(flag, ctx, lookup);
  const known = memo.get(flag.key);
  if (known) return known;
  if (stack.has(flag.key)) return { kind: 'cycle' };
  const index = prepared.index;
  const refs = preparedRefs ?? dependencyRefs(flag, ctx.cohorts);
  if (refs.length === 0) {
    const outcome = evaluateGuarded(flag, ctx, lookup);
    memo.set(flag.key, outcome);
    return outcome;
  }
  stack.add(flag.key);
  let outcome: Outcome | undefined;
  for (const ref of refs) {
    const dependency = index.get(ref);
    if (dependency && evaluateInOrder(dependency, ctx, prepared, memo, stack, lookup).kind === 'cycle') outcome = { kind: 'cycle' };
  }
  stack.delete(flag.key);
  if (!outcome && ctx.mode !== 'local' && flag.active && refs.some((ref) => !index.has(ref))) {
    outcome = { kind: 'result', result: notComputed(flag, false) };
  }
  outcome ??= evaluateGuarded(flag, ctx, lookup);
  memo.set(flag.key, outcome);
  return outcome;
}

function evaluateGuarded(flag: FlagDefinition, ctx: EvaluationContext, lookup: (ref: string) => DependencyValue): Outcome {
  try {
    return { kind: 'result', result: evaluateFlag(flag, ctx, { dependencies: lookup }) };
  } catch (error) {
    if (!(error instanceof InconclusiveMatchError)) throw error;
    return { kind: 'unresolved', reason: error.reason, requiresServer: error instanceof RequiresServerEvaluationError };
  }
}

function dependencyValue(ref: string, index: Map<string, FlagDefinition>, memo: Map<string, Outcome>): DependencyValue {
  const flag = index.get(ref);
  const outcome = flag ? memo.get(flag.key) : undefined;
  if (!outcome) return { kind: 'missing' };
  if (outcome.kind === 'result') return { kind: 'value', value: flagValueOf(outcome.result) };
  return { kind: 'unresolved', requiresServer: outcome.kind === 'unresolved' && outcome.requiresServer };
}

// A missing dependency reads false without error; a cycle is an error for every flag in or behind it.
function notComputed(flag: FlagDefinition, failed: boolean): FlagEvaluation {
  return { key: flag.key, enabled: false, variant: null, reason: reasonOf('missing_dependency', null), payload: null, failed };
}
