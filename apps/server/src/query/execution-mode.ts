import { AppError } from '../platform/app-error.js';

/**
 * How `/query/` may use the cache and whether it computes in the request or in the background (rest-api.md 2.2).
 * `force_cache` is not here: on `/query/` PostHog remaps it, like an absent `refresh`, to `blocking`.
 */
export type ExecutionMode = 'blocking' | 'force_blocking' | 'async' | 'async_except_on_cache_miss' | 'lazy_async' | 'force_async';

const NAMED: Readonly<Record<string, ExecutionMode>> = {
  blocking: 'blocking',
  force_cache: 'blocking',
  force_blocking: 'force_blocking',
  async: 'async',
  async_except_on_cache_miss: 'async_except_on_cache_miss',
  lazy_async: 'lazy_async',
  force_async: 'force_async',
};

/**
 * The execution mode of a request's `refresh` (and the deprecated `async: true`); an unknown value is a 400 as
 * PostHog's schema validation makes it. Example: executionModeOf(true, undefined) -> 'force_blocking'.
 */
export function executionModeOf(refresh: unknown, legacyAsync: unknown): ExecutionMode {
  let mode: ExecutionMode;
  if (refresh === undefined || refresh === null || refresh === false) mode = 'blocking';
  else if (refresh === true) mode = 'force_blocking';
  else if (typeof refresh === 'string' && Object.hasOwn(NAMED, refresh)) mode = NAMED[refresh];
  else throw new AppError(400, 'invalid_request', 'parse_error', `JSON parse error - refresh: unsupported value ${JSON.stringify(refresh).slice(0, 60)}`);
  return legacyAsync === true ? 'async' : mode;
}
