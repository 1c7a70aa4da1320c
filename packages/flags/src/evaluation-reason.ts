import type { EvaluationReason, ReasonCode } from './flag-evaluation.js';

// Higher wins when conditions disagree about why the flag did not match; ties go to the later condition.
const SCORE: Record<ReasonCode, number> = {
  super_condition_value: 6,
  holdout_condition_value: 5,
  condition_match: 4,
  out_of_rollout_bound: 3,
  no_condition_match: 2,
  no_group_type: 1,
  flag_disabled: 0,
  missing_dependency: -1,
  dependency_not_found: -2,
};

/**
 * The flags service's human description of a reason.
 * @example describeReason('condition_match', 0) // 'Matched condition set 1'
 */
export function describeReason(code: ReasonCode, conditionIndex: number | null, groupsSkipped = false): string {
  switch (code) {
    case 'condition_match':
      return `Matched condition set ${(conditionIndex ?? 0) + 1}`;
    case 'no_condition_match':
      return groupsSkipped
        ? 'No matching condition set (group conditions were not evaluated because no group type was provided)'
        : 'No matching condition set';
    case 'out_of_rollout_bound':
      return 'Out of rollout bound';
    case 'no_group_type':
      return 'No group type';
    case 'super_condition_value':
      return 'Super condition value';
    case 'holdout_condition_value':
      return 'Holdout condition value';
    case 'flag_disabled':
      return 'Feature flag is disabled';
    case 'missing_dependency':
      return 'Flag cannot be evaluated due to missing dependency';
    case 'dependency_not_found':
      return 'Flag targets a cohort that does not exist';
  }
}

/**
 * A reason with its description; the same frozen object for the same arguments.
 * @example reasonOf('out_of_rollout_bound', 0) // { code: 'out_of_rollout_bound', condition_index: 0, description: 'Out of rollout bound' }
 */
export function reasonOf(code: ReasonCode, conditionIndex: number | null, groupsSkipped = false): EvaluationReason {
  const skipped = groupsSkipped && code === 'no_condition_match';
  const slot = conditionIndex === null ? 0 : conditionIndex + 1;
  if (!Number.isInteger(slot) || slot < 0 || slot > MAX_INTERNED_INDEX) return newReason(code, conditionIndex, skipped);
  const table = (skipped ? INTERNED_SKIPPED : INTERNED)[code];
  return (table[slot] ??= newReason(code, conditionIndex, skipped));
}

// Reasons are interned (frozen, one object per code and condition): a request of 50 flags then allocates none, and
// the `/flags` answer can cache each flag's serialized entry by reason identity.
const MAX_INTERNED_INDEX = 1_000;
const internTable = () => Object.fromEntries(Object.keys(SCORE).map((code) => [code, []])) as unknown as Record<ReasonCode, EvaluationReason[]>;
const INTERNED = internTable();
const INTERNED_SKIPPED = internTable();

function newReason(code: ReasonCode, conditionIndex: number | null, groupsSkipped: boolean): EvaluationReason {
  return Object.freeze({ code, condition_index: conditionIndex, description: describeReason(code, conditionIndex, groupsSkipped) });
}

/** Tracks the most informative non-matching reason across conditions. */
export interface ReasonTracker {
  code: ReasonCode;
  index: number | null;
  groupsSkipped: boolean;
}

/**
 * A tracker seeded as the flags service seeds it: `no_group_type` with no condition.
 * @example newReasonTracker() // { code: 'no_group_type', index: null, groupsSkipped: false }
 */
export function newReasonTracker(): ReasonTracker {
  return { code: 'no_group_type', index: null, groupsSkipped: false };
}

/**
 * Records one condition's outcome; a reason scoring at least the current one replaces it.
 * @example recordReason(tracker, 'no_condition_match', 1)
 */
export function recordReason(tracker: ReasonTracker, code: ReasonCode, index: number): void {
  if (code === 'no_group_type') tracker.groupsSkipped = true;
  if (SCORE[code] >= SCORE[tracker.code]) {
    tracker.code = code;
    tracker.index = index;
  }
}

/**
 * The final reason of a flag no condition matched.
 * @example trackedReason(tracker) // { code: 'no_condition_match', condition_index: 1, description: 'No matching condition set' }
 */
export function trackedReason(tracker: ReasonTracker): EvaluationReason {
  const groupsSkipped = tracker.code === 'no_condition_match' && tracker.groupsSkipped;
  return reasonOf(tracker.code, tracker.index, groupsSkipped);
}
