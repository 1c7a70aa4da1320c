/**
 * Every `/api/` route that answers without a session or a personal API key, in one place: the route-permissions
 * test allows exactly these (every other `/api/` route must declare a scope), and the session guard lets those that
 * start a session through without a CSRF token (a stale cookie must not block a login; they act on no session).
 */
export const PUBLIC_API_ROUTES = [
  { method: 'GET', url: '/api/signup/status/', startsSession: false },
  { method: 'POST', url: '/api/signup/', startsSession: true },
  { method: 'GET', url: '/api/signup/:invite_token/', startsSession: false },
  { method: 'POST', url: '/api/signup/:invite_token/', startsSession: true },
  { method: 'POST', url: '/api/login/', startsSession: true },
  // Ends only the session of the cookie it comes with (and is CSRF-checked when it has one).
  { method: 'POST', url: '/api/logout/', startsSession: false },
  // The OpenAPI document of the management API (openapi/), public as PostHog's is.
  { method: 'GET', url: '/api/schema/', startsSession: false },
  // A dashboard or insight shared by secret link: the link's token is the credential (dashboards/).
  { method: 'GET', url: '/api/shared/:access_token/', startsSession: false },
  // A shared web analytics page's figures: only the page's own queries, for the link's project (sharing/shared-web-routes.ts).
  { method: 'POST', url: '/api/shared/:access_token/query/', startsSession: false },
] as const;

export type PublicApiRoute = (typeof PUBLIC_API_ROUTES)[number];

/** The public route registered as `method` `url`. Example: publicRoute('POST', '/api/login/').startsSession === true. */
export function publicRoute(method: string, url: string): PublicApiRoute | undefined {
  const path = url.endsWith('/') ? url : `${url}/`;
  return PUBLIC_API_ROUTES.find((r) => r.method === method && r.url === path);
}

