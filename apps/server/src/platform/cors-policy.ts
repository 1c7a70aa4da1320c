import cors, { type FastifyCorsOptions } from '@fastify/cors';
import type { FastifyInstance, RouteOptions } from 'fastify';

/** The first path segment of what browsers call cross-origin: capture, flags, remote config, the posthog-js bundles. */
const BROWSER_SDK_SEGMENTS = ['e', 'i', 's', 'capture', 'batch', 'track', 'engage', 'flags', 'decide', 'array', 'static'];
const BROWSER_SDK_PATH = new RegExp(`^/(${BROWSER_SDK_SEGMENTS.join('|')})(/|$|\\?)`);

/** What the SDKs get, as PostHog answers them from any site: the Origin and the requested headers mirrored. */
export const BROWSER_SDK_CORS: FastifyCorsOptions = { origin: true, credentials: true, optionsSuccessStatus: 200, maxAge: 86400 };

/**
 * CORS as PostHog does it for what the SDKs call from any site, and none for the management API and the web app:
 * the API is used with keys from scripts, and with session cookies, which no other origin may ride on.
 *
 * @fastify/cors runs with static options (no CORS) and each SDK route carries the browser options in its route
 * config, which the library reads per route: a per-request `delegator` would have it rebuild its options on every
 * request, about 5 µs of a `/flags` request. Preflights go to the library's catch-all OPTIONS route, which knows no
 * path, so the SDK paths get OPTIONS routes of their own with the same config. Routes declared before this (the web
 * app's assets) get no CORS.
 * @example await registerCorsPolicy(app) // before the SDK routes are declared
 */
export async function registerCorsPolicy(app: FastifyInstance): Promise<void> {
  app.addHook('onRoute', (route) => {
    // `config.cors` is @fastify/cors's per-route override (its types do not declare it).
    if (BROWSER_SDK_PATH.test(route.url)) route.config = { ...route.config, cors: BROWSER_SDK_CORS } as RouteOptions['config'];
  });
  await app.register(cors, { origin: false });
  for (const segment of BROWSER_SDK_SEGMENTS) {
    for (const url of [`/${segment}`, `/${segment}/*`]) {
      // The CORS hook answers every preflight of these routes (or refuses it with 400); nothing reaches the handler.
      app.options(url, { schema: { hide: true } }, (_request, reply) => reply.callNotFound());
    }
  }
}
