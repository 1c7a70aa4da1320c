import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { openUniverse, type Universe } from '../test-support/insight-universe.js';
import { page, v7, webContext } from '../test-support/web-universe.js';
import { planWebOverview, type WebOverviewItem } from './web-overview.js';

/**
 * Views after a period's end, of sessions begun in it, are not the period's (the context's now is 2024-06-15 12:00):
 *   T  tess   06-15 11:00:00 /a, then a view stamped 06-16 01:00 (a client clock ahead, within ingestion's 23 h)
 *   P  pete   06-10 10:00:00 /a, 06-10 23:59:55 /b, 06-11 00:00:10 /c (its last view after 06-10 ends)
 * Today (06-15): 1 session, 1 view — the period ends today, so the late view is looked for up to now + 23 h.
 * 06-10 alone: 1 session, 2 views — a past period: looked for up to the last end of its sessions.
 */
let u: Universe;

before(async () => {
  u = await openUniverse();
  for (const name of ['tess', 'pete']) u.person(name);
  const T = v7('2024-06-15T11:00:00Z', 'b1');
  const P = v7('2024-06-10T10:00:00Z', 'b2');
  u.event('tess', '$pageview', '2024-06-15T11:00:00Z', page('/a'), { session: T });
  u.event('tess', '$pageview', '2024-06-16T01:00:00Z', page('/b'), { session: T });
  u.event('pete', '$pageview', '2024-06-10T10:00:00Z', page('/a'), { session: P });
  u.event('pete', '$pageview', '2024-06-10T23:59:55Z', page('/b'), { session: P });
  u.event('pete', '$pageview', '2024-06-11T00:00:10Z', page('/c'), { session: P });
  await u.flush();
});

async function figures(dateRange: { date_from: string; date_to: string | null }) {
  const items: WebOverviewItem[] = await u.runPlan(await planWebOverview({ kind: 'WebOverviewQuery', dateRange, properties: [] }, webContext()));
  return Object.fromEntries(items.filter((i) => i.key === 'views' || i.key === 'sessions').map((i) => [i.key, i.value]));
}

test('a period ending today leaves out views stamped after it (up to ingestion’s 23 h ahead)', async () => {
  assert.deepEqual(await figures({ date_from: '2024-06-15', date_to: null }), { views: 1, sessions: 1 });
});

test('a past period leaves out its sessions’ views after its end', async () => {
  assert.deepEqual(await figures({ date_from: '2024-06-10', date_to: '2024-06-10' }), { views: 2, sessions: 1 });
});
