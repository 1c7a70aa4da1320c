import { HogQLError } from '@warren/query/hogql/hogql-error';
import { AppError } from '../platform/app-error.js';
import { EventStoreError } from '../storage/event-store.js';
import { ConcurrencyLimitExceeded } from './concurrency-limiter.js';

/**
 * HogQL and engine failures as PostHog reports them: a 400 with a human message (and position), a timeout, or a 429
 * when the project already runs as many queries as it may.
 */
export function toQueryError(error: unknown): unknown {
  if (error instanceof ConcurrencyLimitExceeded) return new AppError(429, 'throttled_error', 'throttled', error.message);
  if (error instanceof HogQLError) {
    return new AppError(400, 'validation_error', error.code === 'syntax_error' ? 'syntax_error' : 'query_error', error.detail, null, {
      start: error.start?.offset ?? null,
      end: error.end?.offset ?? null,
      line: error.start?.line ?? null,
      column: error.start?.column ?? null,
    });
  }
  if (error instanceof EventStoreError) {
    if (error.kind === 'timeout') return new AppError(504, 'server_error', 'query_timeout', 'The query took too long and was stopped.');
    return new AppError(400, 'validation_error', 'query_error', engineMessage(error.message));
  }
  return error;
}

/** The 400 PostHog answers for a body its query schema refuses (unknown kind, missing or mistyped field). */
export const parseError = (detail: string): AppError => new AppError(400, 'invalid_request', 'parse_error', `JSON parse error - ${detail}`);

/** The engine's first line, without the stack trace or server version that ClickHouse appends. */
function engineMessage(message: string): string {
  const first = message.split('\n')[0].replace(/\(version [^)]*\)/g, '').replace(/^Code: \d+\. DB::Exception: /, '').trim();
  return first.length > 500 ? `${first.slice(0, 500)}…` : first || 'The query failed.';
}
