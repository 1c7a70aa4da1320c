import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { openUniverse, type Universe } from '../../test-support/insight-universe.js';
import { BREAKDOWN_NULL } from '../breakdown.js';
import { insightContext } from '../insight-context.js';
import { planTrends, type TrendsQuery } from './trends-query.js';

/*
 * rest-api.md section 6, test vector 5: "3 $pageview today and 1 yesterday, dateRange.date_from -7d, day interval →
 * data length 8, last two values [1,3], count 4, days[7] = today's date; math dau with one person → […,1,1];
 * display BoldNumber → aggregated_value 4; breakdown $browser with one null → a result with breakdown_value
 * $$_posthog_breakdown_null_$$".
 *
 * Today is 2024-05-08 (now 15:00 UTC). One person, vic: $pageview yesterday 10:00 (Chrome) and today 09:00 (Chrome),
 * 10:00 (Chrome), 11:00 (no browser).
 */

let u: Universe;
const ctx = insightContext({ teamId: 1, now: new Date('2024-05-08T15:00:00Z') });

before(async () => {
  u = await openUniverse();
  u.event('vic', '$pageview', '2024-05-07T10:00:00Z', { $browser: 'Chrome' });
  u.event('vic', '$pageview', '2024-05-08T09:00:00Z', { $browser: 'Chrome' });
  u.event('vic', '$pageview', '2024-05-08T10:00:00Z', { $browser: 'Chrome' });
  u.event('vic', '$pageview', '2024-05-08T11:00:00Z');
  await u.flush();
});

async function trends(extra: Record<string, unknown>, math = 'total') {
  const query = { kind: 'TrendsQuery', series: [{ kind: 'EventsNode', event: '$pageview', math }], interval: 'day', dateRange: { date_from: '-7d' }, ...extra };
  return u.runPlan(await planTrends(query as TrendsQuery, ctx));
}

test('eight daily buckets ending today, the last two [1, 3], count 4', async () => {
  const [r] = await trends({});
  assert.equal(r.data.length, 8);
  assert.deepEqual(r.data.slice(-2), [1, 3]);
  assert.equal(r.count, 4);
  assert.equal(r.days[7], '2024-05-08');
  assert.equal(r.days[0], '2024-05-01');
  assert.equal(r.label, '$pageview');
});

test('dau with one person ends [1, 1]', async () => {
  const [r] = await trends({}, 'dau');
  assert.deepEqual(r.data, [0, 0, 0, 0, 0, 0, 1, 1]);
});

test('BoldNumber gives aggregated_value 4', async () => {
  const [r] = await trends({ trendsFilter: { display: 'BoldNumber' } });
  assert.equal(r.aggregated_value, 4);
});

test('a $browser breakdown with one null has a result for the null placeholder', async () => {
  const results = await trends({ breakdownFilter: { breakdown_type: 'event', breakdown: '$browser' } });
  assert.deepEqual(results.map((r) => [r.breakdown_value, r.count]), [['Chrome', 3], [BREAKDOWN_NULL, 1]]);
});
