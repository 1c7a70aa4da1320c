import { randomBytes, randomUUID } from 'node:crypto';
import type http from 'node:http';
import type { PosthogPython5 } from './posthog-python-wire.js';
import { startSite, type Site } from './site-server.js';

/**
 * The seed tutorial's Flask app, in Node: a cookie session holding `user_id`, a `before_request` hook that gives an
 * anonymous visitor `str(uuid.uuid4())` and, once the visitor has logged in, calls `posthog.alias(session["user_id"],
 * current_user.id)` and switches the session to the user id, and a `base.html` that renders the PostHog snippet
 * followed by `posthog.identify("{{ session['user_id'] }}")`. Logging in (POST /login) signs in user 42 and sends
 * `posthog.capture(current_user.id, 'User Signed Up')`.
 */
export interface SeedApp extends Site {
  /** What the app asked the PostHog SDK to do, in order, e.g. `alias(<uuid>, 42)`. */
  readonly sdkCalls: string[];
  /** Every `user_id` a session held, in the order they were assigned. */
  readonly sessionUserIds: (string | number)[];
}

interface Session {
  user_id?: string | number;
  /** flask-login's `_user_id`: who is logged in. */
  login_user_id?: number;
}

const LOGGED_IN_USER_ID = 42;

export async function startSeedFlaskApp(options: { posthogSnippet: string; posthog: PosthogPython5 }): Promise<SeedApp> {
  const sessions = new Map<string, Session>();
  const sdkCalls: string[] = [];
  const sessionUserIds: (string | number)[] = [];

  const beforeRequest = async (session: Session) => {
    const currentUserId = session.login_user_id;
    if (!('user_id' in session)) {
      session.user_id = currentUserId ?? randomUUID();
      sessionUserIds.push(session.user_id);
    }
    // When an anonymous user signs in, PostHog aliases the new authenticated user ID with the UUID.
    if (currentUserId !== undefined && currentUserId !== session.user_id) {
      sdkCalls.push(`alias(${session.user_id}, ${currentUserId})`);
      await options.posthog.alias(session.user_id!, currentUserId);
      session.user_id = currentUserId;
      sessionUserIds.push(session.user_id);
    }
  };

  const render = (session: Session, title: string, body: string) => {
    const identify = `        posthog.identify("${escapeHtml(String(session.user_id))}")\n</script>`;
    return `<!doctype html>
<html>
<head>
    <meta charset="utf-8">
    <title>${escapeHtml(title)}</title>
    <link rel="icon" href="data:,">
    <!-- Start PostHog -->
    ${options.posthogSnippet.replace(/<\/script>\s*$/, identify)}
    <!-- End PostHog -->
</head>
<body>
    <nav><a id="home" href="/">Home</a> <a id="pricing" href="/pricing">Pricing</a> <a id="account" href="/account">Account</a> <a id="login" href="/login">Log in</a></nav>
    <h1>${escapeHtml(title)}</h1>
    ${body}
</body>
</html>`;
  };

  const pages: Record<string, { title: string; body: string }> = {
    '/': { title: 'Home', body: '<p>Welcome.</p>' },
    '/pricing': { title: 'Pricing', body: '<p>Plans.</p>' },
    '/account': { title: 'Account', body: '<p>Your account.</p>' },
    '/login': { title: 'Log in', body: '<form method="post" action="/login"><button id="submit-login" type="submit">Log in</button></form>' },
  };

  const site = await startSite(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://app').pathname;
    const { id, session, isNew } = loadSession(sessions, request);
    const cookie = isNew ? { 'set-cookie': `session=${id}; Path=/; HttpOnly; SameSite=Lax` } : {};
    await beforeRequest(session);
    if (request.method === 'POST' && path === '/login') {
      session.login_user_id = LOGGED_IN_USER_ID; // login_user(user)
      sdkCalls.push(`capture(${LOGGED_IN_USER_ID}, 'User Signed Up')`);
      await options.posthog.capture(LOGGED_IN_USER_ID, 'User Signed Up');
      response.writeHead(302, { location: '/', ...cookie }).end();
      return;
    }
    const page = request.method === 'GET' ? pages[path] : undefined;
    if (!page) {
      response.writeHead(404, cookie).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...cookie }).end(render(session, page.title, page.body));
  });
  return { ...site, sdkCalls, sessionUserIds };
}

function loadSession(sessions: Map<string, Session>, request: http.IncomingMessage): { id: string; session: Session; isNew: boolean } {
  const id = /(?:^|;\s*)session=([a-f0-9]+)/.exec(request.headers.cookie ?? '')?.[1];
  const existing = id === undefined ? undefined : sessions.get(id);
  if (id !== undefined && existing) return { id, session: existing, isNew: false };
  const newId = randomBytes(16).toString('hex');
  const session: Session = {};
  sessions.set(newId, session);
  return { id: newId, session, isNew: true };
}

/** Jinja's autoescape. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' })[c]!);
}
