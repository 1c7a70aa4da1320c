import type { FastifyCorsOptions } from '@fastify/cors';

/** Paths browsers call cross-origin: capture, flags, remote config and the posthog-js bundles. */
const BROWSER_SDK_PATH = /^\/(e|i|s|capture|batch|track|engage|flags|decide|array|static)(\/|$|\?)/;

/**
 * CORS as PostHog does it for what the SDKs call from any site (mirror the Origin and requested headers), and none
 * for the management API: it is used with keys from scripts, and later with session cookies, which no other
 * origin may ride on.
 */
export const corsPolicy: FastifyCorsOptions = {
  delegator: (request, callback) => {
    const url = request.url ?? '';
    callback(null, BROWSER_SDK_PATH.test(url) ? { origin: true, credentials: true, optionsSuccessStatus: 200, maxAge: 86400 } : { origin: false });
  },
};
