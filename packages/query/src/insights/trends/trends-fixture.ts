import { insightContext, type InsightContext } from '../insight-context.js';
import { OTHER_TEAM, type Universe } from '../../test-support/insight-universe.js';

/**
 * The trends universe (tests only). Project 1 in UTC; now is Wednesday 2024-05-08 15:00 UTC; queries use
 * `date_from: '-3d'`, so the day buckets are Sun May 5, Mon May 6, Tue May 7, Wed May 8. Every event is a `$pageview`
 * unless said otherwise; `price` is an event property, `s…` the session, `org-…` the `$group_0` key.
 *
 *   person  props                          events
 *   alice   plan=pro, age 30, alice@…      May 5 10:00 Safari price 10 s1 org-a · May 5 11:00 price 20 s1 org-a
 *                                          May 7 09:00 Chrome price 2.5 s2 org-a · May 8 08:00 s3 org-a
 *   bob     plan=free, age "40", bob@…     May 5 12:00 Chrome price "5" (no session) org-b · May 7 18:00 price 1 (no
 *                                          session) org-b · May 8 09:00 s4 org-b · signup May 5 12:05, May 8 09:05
 *   carol   carol@test.com (test account)  May 6 10:00 Firefox price 7 s5 org-a · May 8 10:00 Chrome s9 org-a
 *   dave    —                              as anonymous `anon-d`: May 6 13:00 s6; then identified (anon-d merged into
 *                                          dave after the fact): May 6 15:00 price "abc" s6 · May 7 14:00 Chrome s7
 *   erin    —                              May 1 10:00 Chrome · May 7 16:00 s8 · signup May 7 16:05
 *   frank   —                              May 1 23:30 (only)
 *   project 2: its own `alice` with a $pageview on May 5 12:00 and May 8 10:00 — never counted for project 1.
 *
 * Per bucket (May 5, 6, 7, 8): $pageview events 3, 3, 4, 3; persons 2 (alice, bob), 2 (carol, dave — anon-d is dave),
 * 4 (alice, bob, dave, erin), 3 (alice, bob, carol).
 */
export function declareTrendsUniverse(u: Universe): void {
  u.person('alice', { properties: { plan: 'pro', email: 'alice@acme.com', age: 30 } });
  u.person('bob', { properties: { plan: 'free', email: 'bob@acme.com', age: '40' } });
  u.person('carol', { properties: { email: 'carol@test.com' } });
  u.person('dave');
  u.person('erin');
  u.person('frank');
  const a = { groups: { 0: 'org-a' } } as const;
  const b = { groups: { 0: 'org-b' } } as const;
  u.event('alice', '$pageview', '2024-05-05T10:00:00Z', { $browser: 'Safari', price: 10 }, { session: 's1', ...a });
  u.event('alice', '$pageview', '2024-05-05T11:00:00Z', { price: 20 }, { session: 's1', ...a });
  u.event('alice', '$pageview', '2024-05-07T09:00:00Z', { $browser: 'Chrome', price: 2.5 }, { session: 's2', ...a });
  u.event('alice', '$pageview', '2024-05-08T08:00:00Z', {}, { session: 's3', ...a });
  u.event('bob', '$pageview', '2024-05-05T12:00:00Z', { $browser: 'Chrome', price: '5' }, b);
  u.event('bob', 'signup', '2024-05-05T12:05:00Z', {}, b);
  u.event('bob', '$pageview', '2024-05-07T18:00:00Z', { price: 1 }, b);
  u.event('bob', '$pageview', '2024-05-08T09:00:00Z', {}, { session: 's4', ...b });
  u.event('bob', 'signup', '2024-05-08T09:05:00Z', {}, b);
  u.event('carol', '$pageview', '2024-05-06T10:00:00Z', { $browser: 'Firefox', price: 7 }, { session: 's5', ...a });
  u.event('carol', '$pageview', '2024-05-08T10:00:00Z', { $browser: 'Chrome' }, { session: 's9', ...a });
  u.event('anon-d', '$pageview', '2024-05-06T13:00:00Z', {}, { session: 's6' });
  u.merge('anon-d', 'dave');
  u.event('dave', '$pageview', '2024-05-06T15:00:00Z', { price: 'abc' }, { session: 's6' });
  u.event('dave', '$pageview', '2024-05-07T14:00:00Z', { $browser: 'Chrome' }, { session: 's7' });
  u.event('erin', '$pageview', '2024-05-01T10:00:00Z', { $browser: 'Chrome' });
  u.event('erin', '$pageview', '2024-05-07T16:00:00Z', {}, { session: 's8' });
  u.event('erin', 'signup', '2024-05-07T16:05:00Z');
  u.event('frank', '$pageview', '2024-05-01T23:30:00Z');
  u.person('alice', { team: OTHER_TEAM, properties: { plan: 'pro' } });
  u.event('alice', '$pageview', '2024-05-05T12:00:00Z', { $browser: 'Chrome', price: 1000 }, { team: OTHER_TEAM, session: 'x1', groups: { 0: 'org-a' } });
  u.event('alice', '$pageview', '2024-05-08T10:00:00Z', { $browser: 'Chrome', price: 1000 }, { team: OTHER_TEAM, session: 'x2' });
}

/** The universe's project: UTC, weeks from Sunday, carol's domain as the test-account filter. */
export function trendsUniverseContext(overrides: Partial<InsightContext> = {}): InsightContext {
  return insightContext({
    teamId: 1,
    now: new Date('2024-05-08T15:00:00Z'),
    testAccountFilters: [{ type: 'person', key: 'email', operator: 'not_icontains', value: '@test.com' }],
    actions: new Map([
      [7, { id: 7, name: 'Chrome view or signup', steps: [{ event: '$pageview', properties: [{ key: '$browser', value: 'Chrome' }] }, { event: 'signup' }] }],
    ]),
    ...overrides,
  });
}
