import type { ExperimentHoldoutApi, ExperimentHoldoutWrite } from '@warren/shared/experiments-api';

/**
 * The share (0–100) a holdout keeps out of its experiments: its first filter's rollout percentage.
 * Example: holdoutShare({ filters: [{ rollout_percentage: 10 }] }) → 10
 */
export function holdoutShare(holdout: Pick<ExperimentHoldoutApi, 'filters'>): number {
  return holdout.filters[0]?.rollout_percentage ?? 0;
}

/**
 * How a holdout reads in a picker. Example: holdoutLabel({ name: 'Q4', filters: [{ rollout_percentage: 10 }] }) → 'Q4 (10% held out)'
 */
export function holdoutLabel(holdout: Pick<ExperimentHoldoutApi, 'name' | 'filters'>): string {
  return `${holdout.name} (${holdoutShare(holdout)}% held out)`;
}

/**
 * Why a new holdout cannot be created yet, keyed by field (`name`, `share`); empty when it can.
 * Example: newHoldoutErrors('', 10).name → 'Name the holdout.'
 */
export function newHoldoutErrors(name: string, share: number): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!name.trim()) errors.name = 'Name the holdout.';
  if (!Number.isFinite(share) || share <= 0 || share >= 100) errors.share = 'A share above 0 and below 100.';
  return errors;
}

/**
 * PostHog's create body for a holdout: one filter holding out `share` % of everyone.
 * Example: newHoldoutBody(' Q4 ', 10) → { name: 'Q4', filters: [{ properties: [], rollout_percentage: 10 }] }
 */
export function newHoldoutBody(name: string, share: number): ExperimentHoldoutWrite {
  return { name: name.trim(), filters: [{ properties: [], rollout_percentage: share }] };
}
