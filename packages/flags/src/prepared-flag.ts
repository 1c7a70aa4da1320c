import type { FlagDefinition, PropertyFilter } from './flag-definition.js';
import type { EvaluationReason, FlagEvaluation } from './flag-evaluation.js';
import { readFilterOperands, type FilterOperands } from './filter-operands.js';
import { hasHoldout } from './holdout.js';
import { remoteRank } from './match-condition.js';
import { payloadFor } from './payload.js';
import { usesEnrollment } from './super-condition.js';

/** One release condition as remote evaluation walks it. */
export interface PreparedCondition {
  /** Flag filters, then property filters, then cohorts (the flags service's order), each rank in definition order. */
  remoteFilters: readonly PropertyFilter[];
  /** `readFilterOperands` of each of `remoteFilters` (null for flag and cohort filters). */
  remoteOperands: readonly (FilterOperands | null)[];
  /** The condition's variant override when the flag defines that variant, else null. */
  variantOverride: string | null;
}

/**
 * A flag read once for evaluation: what its conditions compare against, whether enrolment or a holdout applies, and
 * its result objects, one per outcome, shared by every evaluation that reaches that outcome (they are frozen).
 */
export interface PreparedFlag {
  flag: FlagDefinition;
  /** Parallel to `flag.filters.groups`. */
  conditions: readonly PreparedCondition[];
  enrollment: boolean;
  holdout: boolean;
  /** Within a prepared flag set: depends on no flag and no flag depends on it, so it needs no bookkeeping. */
  independent: boolean;
  /** Results by reason and value (see `flagResult`): off, on without a variant, on with a variant. */
  results: { off: Map<EvaluationReason, FlagEvaluation>; on: Map<EvaluationReason, FlagEvaluation>; variants: Map<EvaluationReason, Map<string, FlagEvaluation>> };
}

/**
 * Reads a flag for evaluation; a flag set keeps the result (see `prepareFlagSet`), so this runs once per flag and
 * definition version, not per request. The definition must not change afterwards.
 * @example const prepared = prepareFlag(flag); evaluateFlag(flag, ctx, { prepared })
 */
export function prepareFlag(flag: FlagDefinition): PreparedFlag {
  const variants = flag.filters.multivariate?.variants ?? [];
  const conditions = (flag.filters.groups ?? []).map((condition): PreparedCondition => {
    const filters = condition.properties ?? [];
    // A stable sort by rank: each rank keeps its own order.
    const remoteFilters = [0, 1, 2].flatMap((rank) => filters.filter((filter) => remoteRank(filter) === rank));
    const override = condition.variant;
    return {
      remoteFilters,
      remoteOperands: remoteFilters.map((filter) => (remoteRank(filter) === 1 ? readFilterOperands(filter) : null)),
      variantOverride: override && variants.some((variant) => variant.key === override) ? override : null,
    };
  });
  return { flag, conditions, enrollment: usesEnrollment(flag), holdout: hasHoldout(flag), independent: false, results: { off: new Map(), on: new Map(), variants: new Map() } };
}

// Reasons past the engine's interning (condition indexes beyond 1,000) are new objects each time: the bounds keep
// them from piling up; interned reasons and the definition's variants stay far below.
const MAX_REASONS = 256;
const MAX_VARIANTS_PER_REASON = 64;

/**
 * The flag's result for an outcome: enabled with a variant (or none), or not, for a reason. The same frozen object
 * each time the outcome repeats (reasons are interned, variants come from the definition); the payload follows the value.
 * @example flagResult(prepared, true, 'test', reasonOf('condition_match', 0)).payload // '{"discount":10}'
 */
export function flagResult(prepared: PreparedFlag, enabled: boolean, variant: string | null, reason: EvaluationReason): FlagEvaluation {
  const { off, on, variants } = prepared.results;
  if (!enabled || variant === null) {
    const byReason = enabled ? on : off;
    const known = byReason.get(reason);
    if (known !== undefined) return known;
    const result = newResult(prepared, enabled, null, reason);
    if (byReason.size < MAX_REASONS) byReason.set(reason, result);
    return result;
  }
  let byVariant = variants.get(reason);
  if (byVariant === undefined) {
    byVariant = new Map();
    if (variants.size < MAX_REASONS) variants.set(reason, byVariant);
  }
  const known = byVariant.get(variant);
  if (known !== undefined) return known;
  const result = newResult(prepared, true, variant, reason);
  if (byVariant.size < MAX_VARIANTS_PER_REASON) byVariant.set(variant, result);
  return result;
}

function newResult(prepared: PreparedFlag, enabled: boolean, variant: string | null, reason: EvaluationReason): FlagEvaluation {
  const flag = prepared.flag;
  return Object.freeze({ key: flag.key, enabled, variant, reason, payload: enabled ? payloadFor(flag, variant) : null, failed: false });
}
