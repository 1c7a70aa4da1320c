import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { openUniverse, type Universe } from '../test-support/insight-universe.js';
import { page, v7, webContext, WEB_CURRENT } from '../test-support/web-universe.js';
import { planWebStatsTable } from './web-stats-table.js';

/**
 * Pages seen more than once in a session, worked out by hand (current period of the web fixture's context):
 *   X  xena   06-10 10:00:00 /a, 10:00:20 /b, 10:00:40 /a   → 3 views, 40 s, not a bounce; entry /a
 *   Y  yuri   06-11 10:00:00 /a                              → 1 view, a bounce; entry /a
 *   Z  zoe    06-12 10:00:00 /b, 10:00:30 /a, 10:00:31 /a    → 3 views, not a bounce; entry /b
 * /a: visitors 3, views 2 + 1 + 2 = 5, bounce rate of the sessions begun there (X, Y) 1/2 — X counts once though
 *     it saw /a twice; Z's two views of /a do not make it a session begun there.
 * /b: visitors 2, views 2, bounce rate of Z alone 0.
 */
let u: Universe;

before(async () => {
  u = await openUniverse();
  for (const name of ['xena', 'yuri', 'zoe']) u.person(name);
  const X = v7('2024-06-10T10:00:00Z', 'a1');
  const Y = v7('2024-06-11T10:00:00Z', 'a2');
  const Z = v7('2024-06-12T10:00:00Z', 'a3');
  u.event('xena', '$pageview', '2024-06-10T10:00:00Z', page('/a'), { session: X });
  u.event('xena', '$pageview', '2024-06-10T10:00:20Z', page('/b'), { session: X });
  u.event('xena', '$pageview', '2024-06-10T10:00:40Z', page('/a'), { session: X });
  u.event('yuri', '$pageview', '2024-06-11T10:00:00Z', page('/a'), { session: Y });
  u.event('zoe', '$pageview', '2024-06-12T10:00:00Z', page('/b'), { session: Z });
  u.event('zoe', '$pageview', '2024-06-12T10:00:30Z', page('/a'), { session: Z });
  u.event('zoe', '$pageview', '2024-06-12T10:00:31Z', page('/a'), { session: Z });
  await u.flush();
});

test('Page: a page seen twice in a session counts its views twice, its visitor and its bounce once', async () => {
  const plan = await planWebStatsTable({ kind: 'WebStatsTableQuery', breakdownBy: 'Page', dateRange: WEB_CURRENT, properties: [] }, webContext());
  const rows = (await u.runPlan(plan)) as unknown[][];
  assert.deepEqual(
    rows.map((row) => row.slice(0, 4).map((cell) => (Array.isArray(cell) ? cell[0] : cell))),
    [
      ['/a', 3, 5, 0.5],
      ['/b', 2, 2, 0],
    ],
  );
});
