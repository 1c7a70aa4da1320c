import { openUniverse, OTHER_TEAM, type Universe } from '../../test-support/insight-universe.js';
import { insightContext, type InsightContext } from '../insight-context.js';
import type { FunnelsQuery } from './funnels-spec.js';

/**
 * The funnels universe (tests only). Project 1 in UTC; now is Friday 2024-05-10 12:00 UTC; queries use
 * `date_from: '-7d'` (May 3 00:00 through May 10 23:59:59). The funnel F3 is $pageview → signed_up → purchased.
 * `b` = `$browser` (event property), `plan` an event property, `segment` a person property, `org-…` the `$group_0` key
 * (groups org-acme named Acme, org-globex named Globex).
 *
 *   person  events (UTC)
 *   alice   May 4 10:00 $pageview b=Chrome · 10:05 signed_up Chrome · 11:05 purchased Chrome          (org-acme)
 *   bob     May 4 09:00 $pageview Firefox                                                            (org-acme)
 *   carol   May 5 10:00 $pageview Chrome · 10:01 clicked · 10:02 signed_up · 10:10 purchased        (org-globex)
 *   dave    May 5 08:00 signed_up Safari · 09:00 $pageview Safari · 09:30 purchased
 *   erin    May 3 10:00 $pageview Chrome · 12:00 signed_up · May 6 10:00 purchased
 *   frank   as anonymous `anon-frank`: May 6 10:00 $pageview Firefox · 10:10 signed_up; then as `frank`:
 *           11:00 purchased; anon-frank is merged into frank afterwards
 *   gina    May 7 10:00 $pageview Chrome · 10:02 cancelled · 10:05 signed_up · 10:20 purchased
 *   hank    May 8 10:00 $pageview Safari plan=free · 10:30 signed_up Chrome plan=pro · 11:00 purchased Chrome plan=pro
 *   ivy     May 8 12:00 $pageview Firefox · 12:05 viewed_pricing · 12:20 signed_up
 *   kate    May 9 02:00 $pageview Chrome · 02:10 signed_up Chrome · 02:20 purchased Chrome   (May 8 evening in New York)
 *   jack    Apr 20 10:00 $pageview · 10:05 signed_up (before the range)
 *   tv1     May 9 10:00 tv_a · 10:00:30 tv_noise · 10:01 tv_b            tv2  May 9 11:00 tv_a   (rest-api.md test vector 6)
 *   project 2: its own `alice` with the whole F3 funnel on May 4 — never counted for project 1.
 *
 * F3, ordered, 14-day window: $pageview 10 (alice … kate), signed_up 8 (not bob; not dave, whose signup came first),
 * purchased 7 (not ivy either).
 * @example declareFunnelsUniverse(await openUniverse())
 */
/** A fresh universe holding the funnels universe below, flushed (one per test file). */
export async function openFunnelsUniverse(): Promise<Universe> {
  const u = await openUniverse();
  declareFunnelsUniverse(u);
  await u.flush();
  return u;
}

export function declareFunnelsUniverse(u: Universe): void {
  for (const name of ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'gina', 'hank', 'ivy', 'kate', 'jack', 'tv1', 'tv2']) {
    u.person(name, { properties: { segment: name < 'f' ? 'early' : 'late' } });
  }
  u.group(0, 'org-acme', { name: 'Acme' });
  u.group(0, 'org-globex', { name: 'Globex' });
  const acme = { groups: { 0: 'org-acme' } } as const;
  const globex = { groups: { 0: 'org-globex' } } as const;
  u.event('alice', '$pageview', '2024-05-04T10:00:00Z', { $browser: 'Chrome' }, acme);
  u.event('alice', 'signed_up', '2024-05-04T10:05:00Z', { $browser: 'Chrome' }, acme);
  u.event('alice', 'purchased', '2024-05-04T11:05:00Z', { $browser: 'Chrome' }, acme);
  u.event('bob', '$pageview', '2024-05-04T09:00:00Z', { $browser: 'Firefox' }, acme);
  u.event('carol', '$pageview', '2024-05-05T10:00:00Z', { $browser: 'Chrome' }, globex);
  u.event('carol', 'clicked', '2024-05-05T10:01:00Z', {}, globex);
  u.event('carol', 'signed_up', '2024-05-05T10:02:00Z', {}, globex);
  u.event('carol', 'purchased', '2024-05-05T10:10:00Z', {}, globex);
  u.event('dave', 'signed_up', '2024-05-05T08:00:00Z', { $browser: 'Safari' });
  u.event('dave', '$pageview', '2024-05-05T09:00:00Z', { $browser: 'Safari' });
  u.event('dave', 'purchased', '2024-05-05T09:30:00Z');
  u.event('erin', '$pageview', '2024-05-03T10:00:00Z', { $browser: 'Chrome' });
  u.event('erin', 'signed_up', '2024-05-03T12:00:00Z');
  u.event('erin', 'purchased', '2024-05-06T10:00:00Z');
  u.event('anon-frank', '$pageview', '2024-05-06T10:00:00Z', { $browser: 'Firefox' });
  u.event('anon-frank', 'signed_up', '2024-05-06T10:10:00Z');
  u.event('frank', 'purchased', '2024-05-06T11:00:00Z');
  u.merge('anon-frank', 'frank');
  u.event('gina', '$pageview', '2024-05-07T10:00:00Z', { $browser: 'Chrome' });
  u.event('gina', 'cancelled', '2024-05-07T10:02:00Z');
  u.event('gina', 'signed_up', '2024-05-07T10:05:00Z');
  u.event('gina', 'purchased', '2024-05-07T10:20:00Z');
  u.event('hank', '$pageview', '2024-05-08T10:00:00Z', { $browser: 'Safari', plan: 'free' });
  u.event('hank', 'signed_up', '2024-05-08T10:30:00Z', { $browser: 'Chrome', plan: 'pro' });
  u.event('hank', 'purchased', '2024-05-08T11:00:00Z', { $browser: 'Chrome', plan: 'pro' });
  u.event('ivy', '$pageview', '2024-05-08T12:00:00Z', { $browser: 'Firefox' });
  u.event('ivy', 'viewed_pricing', '2024-05-08T12:05:00Z');
  u.event('ivy', 'signed_up', '2024-05-08T12:20:00Z');
  u.event('kate', '$pageview', '2024-05-09T02:00:00Z', { $browser: 'Chrome' });
  u.event('kate', 'signed_up', '2024-05-09T02:10:00Z', { $browser: 'Chrome' });
  u.event('kate', 'purchased', '2024-05-09T02:20:00Z', { $browser: 'Chrome' });
  u.event('jack', '$pageview', '2024-04-20T10:00:00Z');
  u.event('jack', 'signed_up', '2024-04-20T10:05:00Z');
  u.event('tv1', 'tv_a', '2024-05-09T10:00:00Z');
  u.event('tv1', 'tv_noise', '2024-05-09T10:00:30Z');
  u.event('tv1', 'tv_b', '2024-05-09T10:01:00Z');
  u.event('tv2', 'tv_a', '2024-05-09T11:00:00Z');
  u.person('alice', { team: OTHER_TEAM });
  for (const [event, at] of [['$pageview', '10:00'], ['signed_up', '10:01'], ['purchased', '10:02']]) {
    u.event('alice', event, `2024-05-04T${at}:00Z`, { $browser: 'Chrome' }, { team: OTHER_TEAM, groups: { 0: 'org-acme' } });
  }
}

/** The universe's project: UTC unless overridden, with action 9 = "Signed up" (event signed_up). @example funnelsContext({ timezone: 'America/New_York' }) */
export function funnelsContext(overrides: Partial<InsightContext> = {}): InsightContext {
  return insightContext({
    teamId: 1,
    now: new Date('2024-05-10T12:00:00Z'),
    actions: new Map([[9, { id: 9, name: 'Signed up', steps: [{ event: 'signed_up' }] }]]),
    ...overrides,
  });
}

/** F3 ($pageview → signed_up → purchased over the last 7 days) with extra fields. @example f3({}, { funnelOrderType: 'strict' }) */
export function f3(extra: Partial<FunnelsQuery> = {}, filter: Record<string, unknown> = {}): FunnelsQuery {
  return {
    kind: 'FunnelsQuery',
    series: [
      { kind: 'EventsNode', event: '$pageview' },
      { kind: 'EventsNode', event: 'signed_up' },
      { kind: 'EventsNode', event: 'purchased' },
    ],
    dateRange: { date_from: '-7d' },
    ...extra,
    funnelsFilter: { ...filter },
  };
}
