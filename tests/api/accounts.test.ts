import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api } from '../support/api-client.js';
import { Browser } from '../support/browser-session.js';
import { spawnWarren, type WarrenProcess } from '../support/spawn-warren.js';

/*
 * Accounts through the HTTP API, on one server whose tests run in order: the bootstrap made owner@example.com
 * without a password (and the test personal API key), so the first signup is open. Behind a trusted proxy, each
 * browser appears from an address of its own, so failed logins of one test do not throttle another.
 */
let warren: WarrenProcess;
let addresses = 0;
const OWNER = { email: 'owner@example.com', password: 'first owner pass' };

const browser = () => new Browser(warren, { 'x-forwarded-for': `10.0.0.${++addresses}` });

before(async () => {
  warren = await spawnWarren({ env: { WARREN_TRUST_PROXY: 'true' } });
});
after(async () => warren?.stop());

test('signup: the first owner names the organization and is signed in; afterwards signup is closed (403)', async () => {
  const b = browser();
  assert.deepEqual((await b.call('GET', '/api/signup/status/')).body, { open: true });
  const short = await b.call('POST', '/api/signup/', { email: OWNER.email, password: 'short', first_name: 'Olga' });
  assert.equal(short.status, 400);
  assert.equal(short.body.attr, 'password');

  const res = await b.call('POST', '/api/signup/', { ...OWNER, first_name: 'Olga', organization_name: 'Acme' });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  assert.deepEqual([res.body.email, res.body.first_name], [OWNER.email, 'Olga']);
  const [session, csrf] = res.setCookies;
  assert.match(session, /^warren_sessionid=[A-Za-z0-9_-]{43}; Max-Age=1209600; Path=\/; HttpOnly; SameSite=Lax$/);
  assert.match(csrf, /^warren_csrftoken=[A-Za-z0-9_-]{43}; Max-Age=1209600; Path=\/; SameSite=Lax$/, 'readable by the web app');
  assert.equal((await b.call('GET', '/api/projects/1/actions/')).status, 200, 'the cookie is a credential');

  assert.deepEqual((await b.call('GET', '/api/signup/status/')).body, { open: false });
  const again = await browser().call('POST', '/api/signup/', { email: 'mallory@example.com', password: 'another password', first_name: 'M' });
  assert.equal(again.status, 403);
  assert.equal(again.body.code, 'permission_denied');
});

test('login: the right password sets the session cookie; wrong password and unknown email get the same answer', async () => {
  const b = browser();
  const wrong = await b.call('POST', '/api/login/', { email: OWNER.email, password: 'not the password' });
  const unknown = await b.call('POST', '/api/login/', { email: 'nobody@example.com', password: 'not the password' });
  assert.equal(wrong.status, 400);
  assert.deepEqual(wrong.body, { type: 'validation_error', code: 'invalid_credentials', detail: 'Invalid email or password.', attr: null });
  assert.deepEqual(unknown.body, wrong.body);
  assert.equal(unknown.status, wrong.status);
  assert.equal(b.cookies.size, 0);

  const ok = await b.call('POST', '/api/login/', { email: 'Owner@Example.com', password: OWNER.password });
  assert.equal(ok.status, 200);
  assert.equal(ok.body.success, true);
  assert.ok(b.cookies.get('warren_sessionid'));
  assert.equal((await b.call('GET', '/api/projects/1/actions/')).status, 200);
  assert.equal((await browser().call('GET', '/api/projects/1/actions/')).status, 401, 'no cookie, no key');
  const forged = await browser().call('GET', '/api/projects/1/actions/', undefined, { cookie: 'warren_sessionid=forged' });
  assert.equal(forged.status, 401);
  assert.match(forged.setCookies.join('\n'), /warren_sessionid=; Max-Age=0/, 'a dead session cookie is cleared');
});

test('an unknown email costs the password hashing a wrong password costs (no timing tell)', async () => {
  const timed = async (email: string) => {
    const started = performance.now();
    const res = await browser().call('POST', '/api/login/', { email, password: 'not the password' });
    assert.equal(res.status, 400);
    return performance.now() - started;
  };
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const wrong: number[] = [];
  const unknown: number[] = [];
  // Four, not five: a fifth failure would throttle the owner's email for the tests after this one.
  for (let i = 0; i < 4; i++) {
    wrong.push(await timed(OWNER.email));
    unknown.push(await timed(`ghost${i}@example.com`));
  }
  // Argon2id at 19 MiB takes tens of milliseconds; a lookup that skipped it would take about one.
  assert.ok(median(unknown) > 0.4 * median(wrong), `unknown ${median(unknown)} ms vs wrong ${median(wrong)} ms`);
  await browser().login(OWNER.email, OWNER.password); // forgives the email's failures
});

test('behind https (X-Forwarded-Proto from a trusted proxy) the session cookies are Secure', async () => {
  const b = new Browser(warren, { 'x-forwarded-for': '10.1.0.1', 'x-forwarded-proto': 'https' });
  const res = await b.call('POST', '/api/login/', OWNER);
  assert.equal(res.status, 200);
  assert.ok(res.setCookies.every((c) => c.includes('; Secure')), res.setCookies.join('\n'));
});

test('login throttling: five failures per email or per address within five minutes, then 429 with Retry-After', async () => {
  for (let i = 0; i < 5; i++) {
    const res = await browser().call('POST', '/api/login/', { email: 'target@example.com', password: `guess ${i}` });
    assert.equal(res.status, 400);
  }
  const blocked = await browser().call('POST', '/api/login/', { email: 'TARGET@example.com', password: 'guess 5' });
  assert.equal(blocked.status, 429, 'the email is throttled from any address');
  assert.equal(blocked.body.type, 'throttled_error');
  const retryAfter = Number(blocked.headers.get('retry-after'));
  assert.ok(retryAfter > 0 && retryAfter <= 300, String(retryAfter));

  const sprayer = browser();
  for (let i = 0; i < 5; i++) assert.equal((await sprayer.call('POST', '/api/login/', { email: `user${i}@example.com`, password: 'password1' })).status, 400);
  const sprayed = await sprayer.call('POST', '/api/login/', OWNER);
  assert.equal(sprayed.status, 429, 'the address is throttled, even with the right password');
  assert.equal((await browser().call('POST', '/api/login/', OWNER)).status, 200, 'the owner still logs in from elsewhere');
});

test('CSRF: a write on the session cookie needs X-CSRFToken equal to the cookie; a personal API key needs none', async () => {
  const b = await browser().login(OWNER.email, OWNER.password);
  const missing = await b.call('POST', '/api/projects/1/actions/', { name: 'No token' });
  assert.equal(missing.status, 403);
  assert.deepEqual([missing.body.code, missing.body.detail], ['permission_denied', 'CSRF Failed: CSRF token missing.']);
  const wrong = await b.call('POST', '/api/projects/1/actions/', { name: 'Wrong token' }, { 'x-csrftoken': 'x'.repeat(43) });
  assert.equal(wrong.status, 403);
  assert.equal(wrong.body.detail, 'CSRF Failed: CSRF token incorrect.');
  const other = await browser().login(OWNER.email, OWNER.password);
  const foreign = await b.call('POST', '/api/projects/1/actions/', { name: 'Token of another session' }, { 'x-csrftoken': other.cookies.get('warren_csrftoken')! });
  assert.equal(foreign.status, 403, "another session's token does not fit this session");
  const deleteWithout = await b.call('DELETE', '/api/organizations/@current/members/@me/');
  assert.equal(deleteWithout.status, 403, 'DELETE is checked too');
  const doubled = await b.call('POST', '//api/projects/1/actions/', { name: 'Doubled slash' });
  assert.equal(doubled.status, 403, 'a doubled slash reaches the same route and the same check');

  const created = await b.write('POST', '/api/projects/1/actions/', { name: 'With token' });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assert.equal(created.body.created_by.email, OWNER.email);
  assert.equal((await api(warren, 'POST', '/api/projects/1/actions/', { name: 'By key' })).status, 201, 'a key needs no CSRF token');
  const keyAndCookie = await b.call('POST', '/api/projects/1/actions/', { name: 'Key beside a cookie' }, { authorization: `Bearer ${warren.personalApiKey}` });
  assert.equal(keyAndCookie.status, 201, 'with a key the cookie is not the credential');
  const refused = await b.call('GET', '/api/projects/1/actions/', undefined, { authorization: 'Bearer phx_notAKey00000000' });
  assert.equal(refused.status, 401, 'a bad key is refused, not replaced by the cookie');
});

test('logout ends this session only; logout everywhere ends them all; the personal API key keeps working', async () => {
  const a = await browser().login(OWNER.email, OWNER.password);
  const b = await browser().login(OWNER.email, OWNER.password);
  const c = await browser().login(OWNER.email, OWNER.password);
  const oldToken = a.cookies.get('warren_sessionid')!;
  assert.equal((await a.call('POST', '/api/logout/')).status, 403, 'logout on a session is CSRF-checked');
  assert.equal((await a.write('POST', '/api/logout/')).status, 204);
  assert.equal(a.cookies.size, 0, 'the cookies are cleared');
  const replay = await browser().call('GET', '/api/projects/1/actions/', undefined, { cookie: `warren_sessionid=${oldToken}` });
  assert.equal(replay.status, 401, 'the old token is dead on the server too');
  assert.equal((await b.call('GET', '/api/projects/1/actions/')).status, 200);

  assert.equal((await b.write('POST', '/api/logout/everywhere/')).status, 204);
  assert.equal((await b.call('GET', '/api/projects/1/actions/')).status, 401);
  assert.equal((await c.call('GET', '/api/projects/1/actions/')).status, 401);
  assert.equal((await api(warren, 'GET', '/api/projects/1/actions/')).status, 200);
});

test('password change: needs the current password, ends the other sessions, keeps this one; the new password logs in', async () => {
  const here = await browser().login(OWNER.email, OWNER.password);
  const elsewhere = await browser().login(OWNER.email, OWNER.password);
  const missing = await here.write('PATCH', '/api/users/@me/', { password: 'a new password' });
  assert.deepEqual([missing.status, missing.body.attr, missing.body.code], [400, 'current_password', 'required']);
  const wrong = await here.write('PATCH', '/api/users/@me/', { current_password: 'nope nope', password: 'a new password' });
  assert.deepEqual([wrong.status, wrong.body.attr, wrong.body.detail], [400, 'current_password', 'Your current password is incorrect.']);
  const short = await here.write('PATCH', '/api/users/@me/', { current_password: OWNER.password, password: 'short' });
  assert.deepEqual([short.status, short.body.attr], [400, 'password']);

  const changed = await here.write('PATCH', '/api/users/@me/', { current_password: OWNER.password, password: 'the second password' });
  assert.equal(changed.status, 200, JSON.stringify(changed.body));
  assert.equal((await here.call('GET', '/api/projects/1/actions/')).status, 200, 'this session stays');
  assert.equal((await elsewhere.call('GET', '/api/projects/1/actions/')).status, 401, 'the others end');
  assert.equal((await browser().call('POST', '/api/login/', OWNER)).status, 400);
  OWNER.password = 'the second password';
  await browser().login(OWNER.email, OWNER.password);
});

test('invites and roles: admins invite by link, the link makes an account once, members cannot invite or manage', async () => {
  const owner = await browser().login(OWNER.email, OWNER.password);
  const org = '/api/organizations/@current';
  const invited = await owner.write('POST', `${org}/invites/`, { target_email: 'Ada@Example.com', level: 8, first_name: 'Ada' });
  assert.equal(invited.status, 201, JSON.stringify(invited.body));
  assert.deepEqual([invited.body.target_email, invited.body.level, invited.body.is_expired, invited.body.created_by.email], ['ada@example.com', 8, false, OWNER.email]);
  const token: string = invited.body.token;
  assert.ok(token.length >= 43);
  assert.ok(invited.body.invite_url.endsWith(`/signup/${token}`));
  const listed = await api(warren, 'GET', `${org}/invites/`);
  assert.equal(listed.body.count, 1);
  assert.equal(listed.body.results[0].token, undefined, 'the token is shown once');

  const preview = await browser().call('GET', `/api/signup/${token}/`);
  assert.deepEqual(preview.body, { id: invited.body.id, target_email: 'a**@example.com', first_name: 'Ada', organization_name: 'Acme' });
  const ada = browser();
  const accepted = await ada.call('POST', `/api/signup/${token}/`, { first_name: 'Ada', password: 'ada password' });
  assert.equal(accepted.status, 201, JSON.stringify(accepted.body));
  assert.equal(accepted.body.email, 'ada@example.com');
  assert.equal((await ada.call('GET', '/api/projects/1/actions/')).status, 200, 'signed in, with access to the projects');
  assert.equal((await browser().call('POST', `/api/signup/${token}/`, { first_name: 'Eve', password: 'eve password' })).status, 400, 'used up');
  assert.equal((await browser().call('GET', '/api/signup/not-a-token/')).status, 400);

  // The admin invites a member, not an owner.
  assert.equal((await ada.write('POST', `${org}/invites/`, { target_email: 'owner2@example.com', level: 15 })).status, 403);
  const memberInvite = await ada.write('POST', `${org}/invites/`, { target_email: 'max@example.com' });
  assert.equal(memberInvite.body.level, 1);
  const max = browser();
  assert.equal((await max.call('POST', `/api/signup/${memberInvite.body.token}/`, { first_name: 'Max', password: 'max password' })).status, 201);

  const members = await max.call('GET', `${org}/members/`);
  assert.equal(members.status, 200, 'members see the list');
  const byEmail = new Map<string, any>(members.body.results.map((m: any) => [m.user.email, m]));
  assert.deepEqual([...byEmail.keys()].sort(), ['ada@example.com', 'max@example.com', OWNER.email]);
  assert.deepEqual([byEmail.get(OWNER.email).level, byEmail.get('ada@example.com').level, byEmail.get('max@example.com').level], [15, 8, 1]);
  const uuidOf = (email: string) => byEmail.get(email).user.uuid as string;

  assert.equal((await max.write('POST', `${org}/invites/`, { target_email: 'friend@example.com' })).status, 403, 'a member cannot invite');
  assert.equal((await max.write('PATCH', `${org}/members/${uuidOf('ada@example.com')}/`, { level: 1 })).status, 403);
  assert.equal((await max.write('DELETE', `${org}/members/${uuidOf('ada@example.com')}/`)).status, 403);
  assert.equal((await ada.write('DELETE', `${org}/members/${uuidOf(OWNER.email)}/`)).status, 403, 'an admin cannot remove an owner');
  assert.equal((await ada.write('PATCH', `${org}/members/${uuidOf('max@example.com')}/`, { level: 15 })).status, 403, 'nor make one');
  const promoted = await ada.write('PATCH', `${org}/members/${uuidOf('max@example.com')}/`, { level: 8 });
  assert.deepEqual([promoted.status, promoted.body.level], [200, 8]);
  assert.equal((await owner.write('DELETE', `${org}/members/@me/`)).status, 400, 'the last owner cannot leave');

  assert.equal((await max.write('DELETE', `${org}/members/@me/`)).status, 204, 'a member may leave');
  assert.equal((await max.call('GET', `${org}/members/`)).status, 404);
  assert.equal((await max.call('GET', '/api/projects/1/actions/')).status, 404, 'no access to the projects either');
  assert.equal((await owner.write('DELETE', `${org}/members/${uuidOf('ada@example.com')}/`)).status, 204);

  const withdrawn = await owner.write('POST', `${org}/invites/`, { target_email: 'late@example.com' });
  assert.equal((await owner.write('DELETE', `${org}/invites/${withdrawn.body.id}/`)).status, 204);
  assert.equal((await browser().call('GET', `/api/signup/${withdrawn.body.token}/`)).status, 400, 'a withdrawn link is dead');
});
