import type { FlagValue, JsonValue, PropertyGroup } from './flag-definition.js';

/**
 * `remote`: Warren's `/flags`, where the stored person is known, so a missing property is simply absent
 * (negative operators match, positive ones do not). `local`: what posthog-node computes from the same
 * definition; a missing property or anything the SDK cannot decide throws `InconclusiveMatchError`.
 */
export type EvaluationMode = 'remote' | 'local';

/** Property bag of a person or a group. */
export type Properties = Record<string, JsonValue | undefined>;

/**
 * Everything a flag evaluation reads besides the flag itself.
 * @example { distinctId: 'user-1', personProperties: { plan: 'pro' }, groups: {}, groupProperties: {}, groupTypeMapping: {}, now: new Date() }
 */
export interface EvaluationContext {
  distinctId: string;
  /** Already merged: the stored person overridden by the request's `person_properties`. */
  personProperties: Properties;
  /** Group type → group key, e.g. `{ company: 'acme' }`. */
  groups: Record<string, string | number>;
  /** Group type → properties (stored group overridden by the request). */
  groupProperties: Record<string, Properties>;
  /** Group type index → group type, e.g. `{ '0': 'company' }`. */
  groupTypeMapping: Record<string, string>;
  /** Cohort id → definition, evaluated inline against the person's properties. */
  cohorts?: Record<string, PropertyGroup>;
  /** Precomputed membership (static or behavioural cohorts); `undefined` falls back to `cohorts`. */
  cohortMembership?: (cohortId: string) => boolean | undefined;
  /** Flag key → identifier to hash instead of the distinct id (experience continuity). */
  hashKeyOverrides?: Record<string, string>;
  /** The request's `$device_id`, for flags bucketed by device. */
  deviceId?: string | null;
  /** Anchor for relative dates such as `-7d`. */
  now: Date;
  /** Defaults to `remote`. */
  mode?: EvaluationMode;
}

/** What a flag dependency resolves to while evaluating flags in dependency order. */
export type DependencyValue =
  | { kind: 'value'; value: FlagValue }
  | { kind: 'missing' }
  | { kind: 'unresolved'; requiresServer: boolean };

/**
 * Looks up another flag's value by id or key; supplied by `evaluateFlags`.
 * @example const lookup: DependencyLookup = (ref) => ({ kind: 'value', value: ref === '7' })
 */
export type DependencyLookup = (ref: string) => DependencyValue;
