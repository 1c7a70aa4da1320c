import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { HogQLError } from '../hogql/hogql-error.js';
import { openUniverse, type Universe } from '../test-support/insight-universe.js';
import { seedWebUniverse, webContext, WEB_CURRENT } from '../test-support/web-universe.js';
import { planWebVitals, webVitalsSeries, type WebVitalsQuery } from './web-vitals.js';

/**
 * Web vitals of the shared web fixture (test-support/web-universe.ts), by day over 06-08 … 06-14. ClickHouse's
 * `quantile` interpolates linearly between the sorted values: the p-th percentile of n values sits at position
 * p·(n−1).
 *   06-10 (A)  LCP 1000, 2000, 3000 → p75 at 1.5 = 2500, p90 at 1.8 = 2800, p99 at 1.98 = 2980
 *              INP 80, 120 → p75 110, p90 116, p99 119.6;  CLS 0.01, 0.2 → p75 0.1525;  FCP 400, 600, 800 → p75 700
 *   06-12 (C)  LCP 4000 (the crawler's 99999 the same day is left out), INP 300, CLS 0.1, FCP 1000
 *   06-14 (E)  LCP 2500, INP 200
 *   other days: 0, as trends reports a day without values
 */
const ctx = webContext();
let u: Universe;

before(async () => {
  u = await openUniverse();
  seedWebUniverse(u);
  await u.flush();
});

async function vitals(query: Partial<WebVitalsQuery>) {
  const results = await u.runPlan(await planWebVitals({ kind: 'WebVitalsQuery', dateRange: WEB_CURRENT, properties: [], ...query }, ctx));
  return Object.fromEntries(results.map((r) => [`${r.action?.custom_name} ${r.action?.math}`, r.data.map((v) => Math.round(v * 10_000) / 10_000)]));
}

const DAYS = ['2024-06-08', '2024-06-09', '2024-06-10', '2024-06-11', '2024-06-12', '2024-06-13', '2024-06-14'];

test('the four metrics at p75 by day, bots left out, worked out by hand', async () => {
  assert.deepEqual(await vitals({ percentile: 'p75' }), {
    'INP p75': [0, 0, 110, 0, 300, 0, 200],
    'LCP p75': [0, 0, 2500, 0, 4000, 0, 2500],
    'CLS p75': [0, 0, 0.1525, 0, 0.1, 0, 0],
    'FCP p75': [0, 0, 700, 0, 1000, 0, 0],
  });
});

test('p90 by default, p99 when asked', async () => {
  const p90 = await vitals({});
  assert.deepEqual([p90['LCP p90'], p90['INP p90']], [[0, 0, 2800, 0, 4000, 0, 2500], [0, 0, 116, 0, 300, 0, 200]]);
  const p99 = await vitals({ percentile: 'p99' });
  assert.deepEqual([p99['LCP p99'], p99['INP p99']], [[0, 0, 2980, 0, 4000, 0, 2500], [0, 0, 119.6, 0, 300, 0, 200]]);
});

test("PostHog's own shape runs as sent: a TrendsQuery source, each item with data, days and the metric as action", async () => {
  const source = { kind: 'TrendsQuery' as const, series: webVitalsSeries('p75').slice(1, 2), dateRange: WEB_CURRENT, interval: 'day' as const };
  const results = await u.runPlan(await planWebVitals({ kind: 'WebVitalsQuery', properties: [], source }, ctx));
  assert.equal(results.length, 1);
  assert.deepEqual(results[0].days, DAYS);
  assert.deepEqual(results[0].data, [0, 0, 2500, 0, 4000, 0, 2500]);
  assert.deepEqual([results[0].action?.custom_name, results[0].action?.math, results[0].action?.math_property], ['LCP', 'p75', '$web_vitals_LCP_value']);
});

test('property filters narrow the vitals events', async () => {
  const byPage = await vitals({ percentile: 'p75', properties: [{ key: '$pathname', value: '/home', operator: 'exact', type: 'event' }] });
  assert.deepEqual(byPage['LCP p75'], [0, 0, 1000, 0, 4000, 0, 0]);
});

test('a source that is not a TrendsQuery, or an unknown percentile, is refused', async () => {
  await assert.rejects(() => vitals({ source: { kind: 'HogQLQuery' } as never }), HogQLError);
  await assert.rejects(() => vitals({ percentile: 'p50' as never }), HogQLError);
});
