/**
 * A remote-mode failure that makes one flag errored (`failed: true`, `errorsWhileComputingFlags`), e.g. a
 * condition that targets a cohort which no longer exists.
 * @example throw new FlagEvaluationError('dependency_not_found', 'Cohort 12 does not exist')
 */
export class FlagEvaluationError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'FlagEvaluationError';
    this.code = code;
  }
}
