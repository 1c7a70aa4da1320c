import { isPropertyGroup, type FlagDefinition, type PropertyFilter, type PropertyGroup } from './flag-definition.js';
import { dependencyChain, indexFlags } from './flag-dependencies.js';
import { usesEnrollment } from './super-condition.js';

/** The body of `GET /flags/definitions` (and the older `/api/feature_flag/local_evaluation`). */
export interface LocalEvaluationDefinitions {
  flags: FlagDefinition[];
  group_type_mapping: Record<string, string>;
  cohorts: Record<string, PropertyGroup>;
}

/**
 * Rewrites stored flags into what server SDKs evaluate locally so their answers agree with `/flags`:
 * every flag that is not deleted is served (inactive ones read as false in the SDK); `type: "flag"` filters name the flag by key and carry `dependency_chain` (empty for a cycle, which makes
 * the SDK ask the server); flags using what posthog-node silently ignores (early-access enrolment, legacy
 * holdout groups) are marked `ensure_experience_continuity` so the SDK falls back to `/flags` for them.
 * @example buildLocalEvaluationDefinitions(flags, { '0': 'company' }, { '12': { type: 'OR', values: [] } })
 */
export function buildLocalEvaluationDefinitions(
  flags: readonly FlagDefinition[],
  groupTypeMapping: Record<string, string>,
  cohorts: Record<string, PropertyGroup> = {},
): LocalEvaluationDefinitions {
  const index = indexFlags(flags);
  const rewrite = (filter: PropertyFilter): PropertyFilter => rewriteFlagFilter(filter, index, cohorts);
  const served = servedFlags(flags).map((flag) => {
    const groups = (flag.filters.groups ?? []).map((group) => ({ ...group, properties: (group.properties ?? []).map(rewrite) }));
    const askServer = usesEnrollment(flag) || (flag.filters.holdout_groups?.length ?? 0) > 0;
    return {
      ...flag,
      ensure_experience_continuity: Boolean(flag.ensure_experience_continuity) || askServer,
      filters: { ...flag.filters, groups },
    };
  });
  const servedCohorts = Object.fromEntries(Object.entries(cohorts).map(([id, group]) => [id, rewriteGroup(group, rewrite)]));
  return { flags: served, group_type_mapping: { ...groupTypeMapping }, cohorts: servedCohorts };
}

// Every flag that is not deleted, switched-off ones included: the SDK then answers false for them locally, as with
// PostHog, instead of asking the server (and a kill switch reaches local evaluation at the next poll).
function servedFlags(flags: readonly FlagDefinition[]): FlagDefinition[] {
  return flags.filter((flag) => !flag.deleted);
}

function rewriteFlagFilter(filter: PropertyFilter, index: Map<string, FlagDefinition>, cohorts: Record<string, PropertyGroup>): PropertyFilter {
  if (filter.type !== 'flag') return filter;
  const ref = String(filter.key);
  const target = index.get(ref);
  const chain = dependencyChain(ref, index, cohorts);
  return { ...filter, key: target ? target.key : ref, dependency_chain: chain ?? [] };
}

function rewriteGroup(group: PropertyGroup, rewrite: (filter: PropertyFilter) => PropertyFilter): PropertyGroup {
  if (!group || !Array.isArray(group.values)) return group;
  return { ...group, values: group.values.map((entry) => (isPropertyGroup(entry) ? rewriteGroup(entry, rewrite) : rewrite(entry))) };
}
