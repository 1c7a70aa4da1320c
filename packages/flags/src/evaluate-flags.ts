import type { FlagDefinition } from './flag-definition.js';
import type { DependencyValue, EvaluationContext } from './evaluation-context.js';
import { matchOptionsOf } from './evaluate-conditions.js';
import { evaluatePreparedFlag } from './evaluate-flag.js';
import { reasonOf } from './evaluation-reason.js';
import { flagValueOf, type FlagEvaluation } from './flag-evaluation.js';
import { dependencyRefs, indexFlags } from './flag-dependencies.js';
import { InconclusiveMatchError, RequiresServerEvaluationError, type UnresolvedReason } from './inconclusive-match-error.js';
import { prepareFlag, type PreparedFlag } from './prepared-flag.js';

/** Results of evaluating a set of flags for one person. */
export interface FlagsEvaluation {
  /**
   * One result per evaluated flag (each names its key), in the order of the definitions, whose keys are unique (a
   * project's live flags are). In local mode, flags that could not be decided are absent here and listed in
   * `unresolved`. A list, not a record: a record of 50 keys built per request cost more than evaluating a flag.
   */
  flags: FlagEvaluation[];
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
 * @example evaluateFlags(flags, ctx, { onlyKeys: ['checkout-test'] }).flags[0].variant // 'test'
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
  // Keyed by flag keys, which may be any name (`__proto__` too): no prototype.
  const out: FlagsEvaluation = { flags: [], unresolved: Object.create(null), errorsWhileComputingFlags: false };
  const stack = new Set<string>();
  const lookup = (ref: string): DependencyValue => dependencyValue(ref, index, memo);
  const matchOptions = matchOptionsOf(ctx);
  // The prepared flags line up with `flags` when the set was prepared from this very list (as a server's cache does).
  const inOrder = prepared.source === flags ? prepared.flags : null;
  for (let i = 0; i < flags.length; i++) {
    const flag = flags[i];
    if (flag.deleted || !flag.active || (wanted && !wanted.has(flag.key))) continue;
    const preparedFlag = inOrder?.[i] ?? preparedFor(flag, prepared);
    // A flag without dependencies that none depends on is evaluated once, here, and never read back: no bookkeeping.
    if (preparedFlag.independent) {
      let result: FlagEvaluation;
      try {
        result = evaluatePreparedFlag(preparedFlag, ctx, lookup, matchOptions);
      } catch (error) {
        if (!(error instanceof InconclusiveMatchError)) throw error;
        out.unresolved[flag.key] = error.reason;
        continue;
      }
      out.flags.push(result);
      out.errorsWhileComputingFlags ||= result.failed;
      continue;
    }
    const outcome = evaluateInOrder(flag, preparedFlag, ctx, prepared, memo, stack, lookup);
    if (outcome.kind === 'unresolved') out.unresolved[flag.key] = outcome.reason;
    else if (outcome.kind === 'cycle' && ctx.mode === 'local') out.unresolved[flag.key] = 'unsupported_definition';
    else {
      const result = outcome.kind === 'cycle' ? notComputed(flag, true) : outcome.result;
      out.flags.push(result);
      out.errorsWhileComputingFlags ||= result.failed;
    }
  }
  return out;
}

/**
 * What evaluateFlags derives from a flag set alone (the id/key index, each flag's dependency references, each flag
 * read for evaluation); build it once per flag set and pass it as `prepared` so a request does not rebuild it.
 * @example const prepared = prepareFlagSet(flags, cohorts); evaluateFlags(flags, ctx, { prepared })
 */
export interface PreparedFlagSet {
  index: Map<string, FlagDefinition>;
  refs: Map<string, string[]>;
  /** Keys of the flags some flag depends on: only their outcomes are kept for reading back. */
  referenced: Set<string>;
  /** The definitions this was prepared from, and each of them read once (`prepareFlag`), in the same order. */
  source: readonly FlagDefinition[];
  flags: PreparedFlag[];
  byKey: Map<string, PreparedFlag>;
}

export function prepareFlagSet(flags: readonly FlagDefinition[], cohorts?: EvaluationContext['cohorts']): PreparedFlagSet {
  const refs = new Map<string, string[]>();
  for (const flag of flags) refs.set(flag.key, dependencyRefs(flag, cohorts));
  const index = indexFlags(flags);
  const referenced = new Set<string>();
  for (const list of refs.values()) for (const ref of list) referenced.add(index.get(ref)?.key ?? ref);
  const prepared = flags.map((flag) => {
    const read = prepareFlag(flag);
    read.independent = refs.get(flag.key)!.length === 0 && !referenced.has(flag.key);
    return read;
  });
  const byKey = new Map<string, PreparedFlag>();
  for (const flag of prepared) if (!byKey.has(flag.flag.key)) byKey.set(flag.flag.key, flag);
  return { index, refs, referenced, source: flags, flags: prepared, byKey };
}

function evaluateInOrder(
  flag: FlagDefinition, preparedFlag: PreparedFlag | undefined, ctx: EvaluationContext, prepared: PreparedFlagSet, memo: Map<string, Outcome>,
  stack: Set<string>, lookup: (ref: string) => DependencyValue,
): Outcome {
  const readFlag = preparedFlag ?? preparedFor(flag, prepared);
  const preparedRefs = prepared.refs.get(flag.key);
  if (preparedRefs !== undefined && preparedRefs.length === 0 && !prepared.referenced.has(flag.key)) return evaluateGuarded(readFlag, ctx, lookup);
  const known = memo.get(flag.key);
  if (known) return known;
  if (stack.has(flag.key)) return { kind: 'cycle' };
  const index = prepared.index;
  const refs = preparedRefs ?? dependencyRefs(flag, ctx.cohorts);
  if (refs.length === 0) {
    const outcome = evaluateGuarded(readFlag, ctx, lookup);
    memo.set(flag.key, outcome);
    return outcome;
  }
  stack.add(flag.key);
  let outcome: Outcome | undefined;
  for (const ref of refs) {
    const dependency = index.get(ref);
    if (dependency && evaluateInOrder(dependency, undefined, ctx, prepared, memo, stack, lookup).kind === 'cycle') outcome = { kind: 'cycle' };
  }
  stack.delete(flag.key);
  if (!outcome && ctx.mode !== 'local' && flag.active && refs.some((ref) => !index.has(ref))) {
    outcome = { kind: 'result', result: notComputed(flag, false) };
  }
  outcome ??= evaluateGuarded(readFlag, ctx, lookup);
  memo.set(flag.key, outcome);
  return outcome;
}

// The set's reading of this very definition, else one made now (a definition the set was not prepared from).
function preparedFor(flag: FlagDefinition, prepared: PreparedFlagSet): PreparedFlag {
  const known = prepared.byKey.get(flag.key);
  return known !== undefined && known.flag === flag ? known : prepareFlag(flag);
}

function evaluateGuarded(prepared: PreparedFlag, ctx: EvaluationContext, lookup: (ref: string) => DependencyValue): Outcome {
  try {
    return { kind: 'result', result: evaluatePreparedFlag(prepared, ctx, lookup) };
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
