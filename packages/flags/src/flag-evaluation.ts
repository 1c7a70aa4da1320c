import type { FlagValue } from './flag-definition.js';

/**
 * PostHog's reason codes. `no_condition_match` also covers the service's "groups not evaluated" variant,
 * which differs only in its description.
 */
export type ReasonCode =
  | 'super_condition_value'
  | 'holdout_condition_value'
  | 'condition_match'
  | 'out_of_rollout_bound'
  | 'no_condition_match'
  | 'no_group_type'
  | 'flag_disabled'
  | 'missing_dependency'
  | 'dependency_not_found';

/** Why a flag has its value, as `/flags?v=2` reports it. */
export interface EvaluationReason {
  code: ReasonCode;
  condition_index: number | null;
  description: string;
}

/**
 * One flag's evaluated result, shaped like an entry of `/flags?v=2` (without `metadata`).
 * @example { key: 'checkout-test', enabled: true, variant: 'test', reason: { code: 'condition_match', condition_index: 0, description: 'Matched condition set 1' }, payload: '{"discount":10}', failed: false }
 */
export interface FlagEvaluation {
  key: string;
  enabled: boolean;
  variant: string | null;
  reason: EvaluationReason;
  /** The payload for the variant (or "true"), always a JSON string; null when disabled or absent. */
  payload: string | null;
  /** True when the flag could not be computed (it then reads as disabled and errorsWhileComputingFlags is set). */
  failed: boolean;
}

/**
 * The value the SDKs see for a result: the variant, true, or false.
 * @example flagValueOf({ enabled: true, variant: 'test' }) // 'test'
 */
export function flagValueOf(result: Pick<FlagEvaluation, 'enabled' | 'variant'>): FlagValue {
  return result.enabled ? (result.variant ?? true) : false;
}
