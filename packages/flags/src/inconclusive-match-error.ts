/** Why local evaluation could not decide a flag (posthog-node's `UnresolvedFlagReason`). */
export type UnresolvedReason = 'experience_continuity' | 'unsupported_definition' | 'missing_context' | 'unresolved_dependency';

/**
 * Thrown in `local` mode when the answer depends on something the SDK does not have; the SDK then asks `/flags`.
 * @example throw new InconclusiveMatchError('Property plan not found', 'missing_context')
 */
export class InconclusiveMatchError extends Error {
  readonly reason: UnresolvedReason;
  /** A regex the SDK leaves to the server: a later matching condition may not pick a different value. */
  readonly regexUncertain: boolean;

  constructor(message: string, reason: UnresolvedReason = 'unsupported_definition', regexUncertain = false) {
    super(message);
    this.name = 'InconclusiveMatchError';
    this.reason = reason;
    this.regexUncertain = regexUncertain;
  }
}

/**
 * Thrown in `local` mode for data only the server has (a cohort absent from the definitions); it stops the
 * whole flag at once instead of letting later conditions decide.
 * @example throw new RequiresServerEvaluationError('cohort 12 not in local cohorts')
 */
export class RequiresServerEvaluationError extends InconclusiveMatchError {
  constructor(message: string, reason: UnresolvedReason = 'unsupported_definition') {
    super(message, reason);
    this.name = 'RequiresServerEvaluationError';
  }
}

// Precedence used when several causes apply to one flag, so the reported reason does not depend on order.
const PRECEDENCE: readonly UnresolvedReason[] = [
  'experience_continuity',
  'unsupported_definition',
  'unresolved_dependency',
  'missing_context',
];

/**
 * The higher-precedence of two unresolved reasons (either may be absent).
 * @example pickReason('missing_context', 'unsupported_definition') // 'unsupported_definition'
 */
export function pickReason(current: UnresolvedReason | undefined, next: UnresolvedReason): UnresolvedReason {
  if (current === undefined) return next;
  return PRECEDENCE.indexOf(next) < PRECEDENCE.indexOf(current) ? next : current;
}
