export interface SourcePosition {
  line: number;
  column: number;
  offset: number;
}

export type HogQLErrorCode = 'syntax_error' | 'resolution_error' | 'unsupported';

/**
 * A HogQL query the compiler will not print: bad syntax, a name it cannot resolve, or a construct it refuses.
 * `detail` is safe to show to the user; positions point into the HogQL source when known.
 * @example throw new HogQLError('resolution_error', 'Unable to resolve field: foo')
 */
export class HogQLError extends Error {
  readonly code: HogQLErrorCode;
  readonly detail: string;
  readonly start?: SourcePosition;
  readonly end?: SourcePosition;

  constructor(code: HogQLErrorCode, detail: string, position?: { start?: SourcePosition; end?: SourcePosition }) {
    super(detail);
    this.name = 'HogQLError';
    this.code = code;
    this.detail = detail;
    if (position?.start) this.start = position.start;
    if (position?.end) this.end = position.end;
  }
}
