import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { openUniverse, type Universe } from '../../test-support/insight-universe.js';
import type { FunnelStepResult } from './funnel-shape.js';
import { funnelsContext } from './funnels-fixture.js';
import { planFunnels } from './funnels-query.js';
import type { FunnelsQuery } from './funnels-spec.js';

/*
 * A strict funnel's level keeps only the first way a start reaches it, even after a strict break cleared it: one
 * person, May 9 10:00:00 onwards, a second apart — sa, sb h=1, sb h=1, sb h=2, sb h=1, sc — through
 * [sa, sb, sb with h=1, sc]. The third sb (h=2) takes step 1 only, so it keeps step 1's state and clears step 2's;
 * the fourth brings step 1's start back to step 2, the same start that reached it before, so it is not a new
 * conversion there and sc has nothing to extend. Ordered, nothing clears: sc completes the funnel
 * (funnels-reference.ts agrees on both).
 */

let u: Universe;
const ctx = funnelsContext();

before(async () => {
  u = await openUniverse();
  u.person('p');
  const at = (second: number) => `2024-05-09T10:00:0${second}Z`;
  u.event('p', 'sa', at(0));
  u.event('p', 'sb', at(1), { h: '1' });
  u.event('p', 'sb', at(2), { h: '1' });
  u.event('p', 'sb', at(3), { h: '2' });
  u.event('p', 'sb', at(4), { h: '1' });
  u.event('p', 'sc', at(5));
  await u.flush();
});

function query(order: 'ordered' | 'strict'): FunnelsQuery {
  return {
    kind: 'FunnelsQuery',
    series: [
      { kind: 'EventsNode', event: 'sa' },
      { kind: 'EventsNode', event: 'sb' },
      { kind: 'EventsNode', event: 'sb', properties: [{ key: 'h', value: ['1'], operator: 'exact', type: 'event' }] },
      { kind: 'EventsNode', event: 'sc' },
    ],
    dateRange: { date_from: '-7d' },
    funnelsFilter: { funnelOrderType: order },
  };
}

async function counts(order: 'ordered' | 'strict'): Promise<number[]> {
  return ((await u.runPlan(await planFunnels(query(order), ctx))) as FunnelStepResult[]).map((step) => step.count);
}

test('strict: a start that comes back to a level after a break is not a new conversion there', async () => {
  assert.deepEqual(await counts('strict'), [1, 1, 1, 0]);
});

test('ordered: the same events complete the funnel', async () => {
  assert.deepEqual(await counts('ordered'), [1, 1, 1, 1]);
});
