import type { ConditionGroup, FlagDefinition } from './flag-definition.js';
import type { EvaluationContext, Properties } from './evaluation-context.js';
import { InconclusiveMatchError } from './inconclusive-match-error.js';
import { own } from './own-key.js';

/**
 * Who a flag (or one condition) is evaluated for: the id to hash and the properties to match. A null
 * bucketing value means a device-bucketed flag without a device id (its person conditions are skipped).
 */
export type FlagTarget =
  | { kind: 'target'; bucketingValue: string | null; properties: Properties }
  | { kind: 'no_group_type' };

/**
 * Resolves the flag-level target: the group (key and properties) for group-aggregated flags, else the person,
 * hashed by device id, experience-continuity override or distinct id.
 * @example resolveFlagTarget(flag, ctx) // { kind: 'target', bucketingValue: 'user-1', properties: { plan: 'pro' } }
 */
export function resolveFlagTarget(flag: FlagDefinition, ctx: EvaluationContext): FlagTarget {
  const index = flag.filters.aggregation_group_type_index;
  if (index === null || index === undefined) {
    return { kind: 'target', bucketingValue: personBucketingValue(flag, ctx), properties: ctx.personProperties };
  }
  const groupType = own(ctx.groupTypeMapping, String(index));
  if (groupType === undefined) {
    if (ctx.mode === 'local') throw new InconclusiveMatchError(`Unknown group type index ${index}`, 'unsupported_definition');
    return { kind: 'no_group_type' };
  }
  return groupTarget(groupType, ctx);
}

function groupTarget(groupType: string, ctx: EvaluationContext): FlagTarget {
  const key = own(ctx.groups, groupType);
  if (key === undefined || key === null) return { kind: 'no_group_type' };
  return { kind: 'target', bucketingValue: String(key), properties: own(ctx.groupProperties, groupType) ?? {} };
}


function personBucketingValue(flag: FlagDefinition, ctx: EvaluationContext): string | null {
  if (flag.bucketing_identifier === 'device_id') {
    // The SDK reads the device id from the person properties it was given; /flags sends it in the body.
    const fromProperties = ctx.personProperties.$device_id;
    const deviceId = ctx.mode === 'local' ? fromProperties : (ctx.deviceId ?? fromProperties);
    if (deviceId !== undefined && deviceId !== null && deviceId !== '') return String(deviceId);
    if (ctx.mode === 'local') throw new InconclusiveMatchError(`${flag.key} is bucketed by $device_id`, 'missing_context');
    return null;
  }
  return own(ctx.hashKeyOverrides, flag.key) ?? ctx.distinctId;
}

/**
 * The target of one condition: a per-condition aggregation that differs from the flag's ("mixed targeting")
 * evaluates that condition for the group instead. Null when that group was not sent.
 * @example resolveConditionTarget(flag, { aggregation_group_type_index: 0 }, flagTarget, ctx)
 */
export function resolveConditionTarget(
  flag: FlagDefinition,
  condition: ConditionGroup,
  flagTarget: Extract<FlagTarget, { kind: 'target' }>,
  ctx: EvaluationContext,
): FlagTarget {
  const flagIndex = flag.filters.aggregation_group_type_index;
  const index = condition.aggregation_group_type_index === undefined ? flagIndex : condition.aggregation_group_type_index;
  if (index === flagIndex || index === null || index === undefined) return flagTarget;
  const groupType = own(ctx.groupTypeMapping, String(index));
  if (groupType === undefined || !Object.hasOwn(ctx.groups, groupType)) return { kind: 'no_group_type' };
  if (ctx.mode === 'local' && !Object.hasOwn(ctx.groupProperties, groupType)) {
    throw new InconclusiveMatchError(`No properties for group ${groupType}`, 'missing_context');
  }
  return groupTarget(groupType, ctx);
}
