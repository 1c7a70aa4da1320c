import type { FeatureFlagFilters } from '@warren/shared/feature-flags-api';

/**
 * One line saying who gets a flag, for the list: the release conditions, then the variant split when there is one.
 * Examples: "5% of all users"; "2 conditions"; "100% of users matching 1 filter · multivariate: control 50 / test 50"
 */
export function rolloutSummary(filters: FeatureFlagFilters | null | undefined): string {
  const groups = filters?.groups ?? [];
  const parts: string[] = [];
  if (groups.length === 0) parts.push('No conditions: off for everyone');
  else if (groups.length > 1) parts.push(`${groups.length} conditions`);
  else {
    const rollout = groups[0].rollout_percentage ?? 100;
    const filterCount = (groups[0].properties ?? []).length;
    parts.push(filterCount === 0 ? `${rollout}% of all users` : `${rollout}% of users matching ${filterCount} ${filterCount === 1 ? 'filter' : 'filters'}`);
  }
  const variants = filters?.multivariate?.variants ?? [];
  if (variants.length > 0) parts.push(`multivariate: ${variants.map((v) => `${v.key} ${v.rollout_percentage}`).join(' / ')}`);
  return parts.join(' · ');
}
