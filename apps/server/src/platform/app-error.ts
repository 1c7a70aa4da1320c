import { randomUUID } from 'node:crypto';

/** PostHog's error body types (drf-exceptions-hog). */
export type ErrorType =
  | 'validation_error'
  | 'invalid_request'
  | 'authentication_error'
  | 'throttled_error'
  | 'server_error';

/** An error with a stable code, an HTTP status and an id that is logged and returned to the client. */
export class AppError extends Error {
  readonly errorId = randomUUID();
  constructor(
    readonly status: number,
    readonly type: ErrorType,
    readonly code: string,
    readonly detail: string,
    readonly attr: string | null = null,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
  }

  toBody(): Record<string, unknown> {
    return { type: this.type, code: this.code, detail: this.detail, attr: this.attr, ...this.extra };
  }
}

export const notFound = (detail = 'Not found.'): AppError => new AppError(404, 'invalid_request', 'not_found', detail);
export const validationError = (detail: string, attr: string | null = null, code = 'invalid_input'): AppError =>
  new AppError(400, 'validation_error', code, detail, attr);
export const notAuthenticated = (detail = 'Authentication credentials were not provided.'): AppError =>
  new AppError(401, 'authentication_error', 'not_authenticated', detail);
export const authenticationFailed = (detail: string): AppError =>
  new AppError(401, 'authentication_error', 'authentication_failed', detail);
export const permissionDenied = (detail: string): AppError =>
  new AppError(403, 'authentication_error', 'permission_denied', detail);
export const methodNotAllowed = (method: string): AppError =>
  new AppError(405, 'invalid_request', 'method_not_allowed', `Method "${method}" not allowed.`);
