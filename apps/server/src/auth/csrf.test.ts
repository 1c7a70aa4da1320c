import assert from 'node:assert/strict';
import { test } from 'node:test';
import { csrfProblem } from './csrf.js';
import { csrfTokenFor } from './session-cookies.js';

const session = 'session-token-of-ana';
const token = csrfTokenFor(session);
const cookies = (csrf: string) => `warren_sessionid=${session}; warren_csrftoken=${csrf}`;

test('the header matching the cookie and the session passes', () => {
  assert.equal(csrfProblem({ cookie: cookies(token), 'x-csrftoken': token }, session), null);
});

test('no header is refused as missing', () => {
  assert.equal(csrfProblem({ cookie: cookies(token) }, session), 'CSRF Failed: CSRF token missing.');
  assert.equal(csrfProblem({ cookie: cookies(token), 'x-csrftoken': '' }, session), 'CSRF Failed: CSRF token missing.');
});

test('a header that differs from the cookie, or a cookie pair not made for this session, is refused', () => {
  assert.match(csrfProblem({ cookie: cookies(token), 'x-csrftoken': token.slice(1) }, session) ?? '', /incorrect/);
  assert.match(csrfProblem({ cookie: `warren_sessionid=${session}`, 'x-csrftoken': token }, session) ?? '', /incorrect/, 'no cookie to match');
  const planted = csrfTokenFor('attacker-session');
  assert.match(csrfProblem({ cookie: cookies(planted), 'x-csrftoken': planted }, session) ?? '', /incorrect/, 'a planted pair of another session');
});
