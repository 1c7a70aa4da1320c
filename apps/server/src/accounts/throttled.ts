import type { FastifyReply } from 'fastify';
import { AppError } from '../platform/app-error.js';
import type { FailureThrottle } from './login-throttle.js';

/** Refuses with 429 and `Retry-After` while any of `keys` has failed too often (PostHog's throttled error shape). */
export function refuseWhileThrottled(throttle: FailureThrottle, keys: readonly string[], reply: FastifyReply): void {
  const waitMs = throttle.waitMs(keys);
  if (waitMs <= 0) return;
  const seconds = Math.ceil(waitMs / 1000);
  void reply.header('retry-after', String(seconds));
  throw new AppError(429, 'throttled_error', 'throttled', `Too many failed attempts. Expected available in ${seconds} seconds.`);
}
