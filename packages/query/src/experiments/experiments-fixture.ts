import { openUniverse, OTHER_TEAM, type Universe } from '../test-support/insight-universe.js';
import { insightContext, type InsightContext } from '../insights/insight-context.js';
import type { ExperimentDefinition } from './experiment-spec.js';

/**
 * The experiments universe (tests only). Project 1 in UTC, now 2024-06-01. Experiment 1 runs on flag `exp-flag`
 * (control / test 50/50, holdout 7) from May 1 00:00 to May 10 00:00. `ff(v)` = `$feature_flag_called` for
 * exp-flag answering v. Funnel: signed_up → purchased; `amount` on purchases; `$pageview`s for ratios.
 *
 *   person   events (UTC)
 *   c1       May 1 10:00 ff(control) · 10:05 signed_up · 10:10 purchased amount 10 · 10:20 $pageview ×2
 *   c2       May 2 10:00 ff(control) · 11:00 signed_up · 12:00 $pageview
 *   c3       May 1 08:00 purchased 5 · 09:00 signed_up · 10:00 ff(control) · 11:00 purchased 20 (no signup after exposure)
 *   t1       May 1 12:00 ff(test) · May 3 12:00 signed_up · 13:00 purchased 30 · 13:30 $pageview
 *   t2       May 1 00:00 ff(test) · 00:30 signed_up · May 9 00:00 purchased 50 (8 days on: outside a 7-day window)
 *   alice2   as `a-anon`: May 4 09:00 ff(test); as `alice2`: 10:00 signed_up · 11:00 purchased 100; a-anon merged in
 *   tester   email tester@internal.dev: May 2 09:00 ff(test) · 09:10 signed_up · 09:20 purchased 40
 *   m1       May 2 08:00 ff(control) · May 3 08:00 ff(test) · May 3 09:00 signed_up · 09:30 purchased 60
 *   h1       May 2 10:00 ff(holdout-7) · 10:30 signed_up · 11:00 purchased 15
 *   early    Apr 30 10:00 ff(test) (before the start) · May 1 10:00 signed_up · 11:00 purchased 70
 *   other    May 2 10:00 `$feature_flag_called` for flag `other-flag` answering test · 11:00 signed_up
 *   odd      May 2 10:00 ff(mystery) (not a variant of the experiment)
 *   v1, v2   custom exposure: May 5 10:00 viewed_checkout {$feature/exp-flag: control | test}; 10:30 purchased 25 (v2 only)
 *   project 2: `c1` with ff(test) and a purchase on May 2 — never counted.
 */
export const EXPERIMENT: ExperimentDefinition = {
  id: 1,
  flagKey: 'exp-flag',
  variants: [
    { key: 'control', rolloutPercentage: 50 },
    { key: 'test', rolloutPercentage: 50 },
  ],
  startDate: new Date('2024-05-01T00:00:00Z'),
  endDate: new Date('2024-05-10T00:00:00Z'),
  exposureCriteria: { filterTestAccounts: false, multiple_variant_handling: 'exclude' },
  holdoutId: 7,
};

export function experimentsContext(): InsightContext {
  return insightContext({
    teamId: 1,
    now: new Date('2024-06-01T00:00:00Z'),
    testAccountFilters: [{ type: 'person', key: 'email', value: 'internal.dev', operator: 'not_icontains' }],
  });
}

/** A fresh universe holding the experiments universe, flushed (one per test file). */
export async function openExperimentsUniverse(): Promise<Universe> {
  const u = await openUniverse();
  for (const name of ['c1', 'c2', 'c3', 't1', 't2', 'alice2', 'm1', 'h1', 'early', 'other', 'odd', 'v1', 'v2']) u.person(name, { properties: { email: `${name}@example.com` } });
  u.person('tester', { properties: { email: 'tester@internal.dev' } });
  const ff = (who: string, at: string, variant: string, flag = 'exp-flag', team?: number) =>
    u.event(who, '$feature_flag_called', at, { $feature_flag: flag, $feature_flag_response: variant }, team ? { team } : {});
  const buy = (who: string, at: string, amount: number, team?: number) => u.event(who, 'purchased', at, { amount }, team ? { team } : {});
  const signup = (who: string, at: string) => u.event(who, 'signed_up', at);
  ff('c1', '2024-05-01T10:00:00Z', 'control');
  signup('c1', '2024-05-01T10:05:00Z');
  buy('c1', '2024-05-01T10:10:00Z', 10);
  u.event('c1', '$pageview', '2024-05-01T10:20:00Z');
  u.event('c1', '$pageview', '2024-05-01T10:21:00Z');
  ff('c2', '2024-05-02T10:00:00Z', 'control');
  signup('c2', '2024-05-02T11:00:00Z');
  u.event('c2', '$pageview', '2024-05-02T12:00:00Z');
  buy('c3', '2024-05-01T08:00:00Z', 5);
  signup('c3', '2024-05-01T09:00:00Z');
  ff('c3', '2024-05-01T10:00:00Z', 'control');
  buy('c3', '2024-05-01T11:00:00Z', 20);
  ff('t1', '2024-05-01T12:00:00Z', 'test');
  signup('t1', '2024-05-03T12:00:00Z');
  buy('t1', '2024-05-03T13:00:00Z', 30);
  u.event('t1', '$pageview', '2024-05-03T13:30:00Z');
  ff('t2', '2024-05-01T00:00:00Z', 'test');
  signup('t2', '2024-05-01T00:30:00Z');
  buy('t2', '2024-05-09T00:00:00Z', 50);
  ff('a-anon', '2024-05-04T09:00:00Z', 'test');
  signup('alice2', '2024-05-04T10:00:00Z');
  buy('alice2', '2024-05-04T11:00:00Z', 100);
  u.merge('a-anon', 'alice2');
  ff('tester', '2024-05-02T09:00:00Z', 'test');
  signup('tester', '2024-05-02T09:10:00Z');
  buy('tester', '2024-05-02T09:20:00Z', 40);
  ff('m1', '2024-05-02T08:00:00Z', 'control');
  ff('m1', '2024-05-03T08:00:00Z', 'test');
  signup('m1', '2024-05-03T09:00:00Z');
  buy('m1', '2024-05-03T09:30:00Z', 60);
  ff('h1', '2024-05-02T10:00:00Z', 'holdout-7');
  signup('h1', '2024-05-02T10:30:00Z');
  buy('h1', '2024-05-02T11:00:00Z', 15);
  ff('early', '2024-04-30T10:00:00Z', 'test');
  signup('early', '2024-05-01T10:00:00Z');
  buy('early', '2024-05-01T11:00:00Z', 70);
  ff('other', '2024-05-02T10:00:00Z', 'test', 'other-flag');
  signup('other', '2024-05-02T11:00:00Z');
  ff('odd', '2024-05-02T10:00:00Z', 'mystery');
  u.event('v1', 'viewed_checkout', '2024-05-05T10:00:00Z', { '$feature/exp-flag': 'control' });
  u.event('v2', 'viewed_checkout', '2024-05-05T10:00:00Z', { '$feature/exp-flag': 'test' });
  buy('v2', '2024-05-05T10:30:00Z', 25);
  u.person('c1-2', { distinctIds: ['c1'], team: OTHER_TEAM });
  ff('c1', '2024-05-02T10:00:00Z', 'test', 'exp-flag', OTHER_TEAM);
  buy('c1', '2024-05-02T11:00:00Z', 999, OTHER_TEAM);
  await u.flush();
  return u;
}
