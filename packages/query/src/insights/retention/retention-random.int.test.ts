import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { seededRandom } from '@warren/flags/test-support/seeded-random';
import { openUniverse, OTHER_TEAM, type Universe } from '../../test-support/insight-universe.js';
import { insightContext, type InsightContext } from '../insight-context.js';
import { compileInsightStatement } from '../insight-statement.js';
import { cohortRowsQuery, type PerActorForm } from './cohort-rows.js';
import { parseRetentionQuery, type RetentionType } from './retention-filter.js';
import { retentionRange, type RetentionPeriod } from './retention-periods.js';
import { planRetention, type RetentionQuery } from './retention-query.js';
import { referenceRetention, type ReferenceEvent, type ReferenceQuery } from './retention-reference.js';

/*
 * Randomized cross-check against the naive reference (retention-reference.ts). Generated from a seed: 30 people
 * with 400 events over the 30 days before now (2024-03-20 15:00Z, so New York's DST change on March 10 is inside),
 * a third of them browsing under an anonymous distinct id that is merged into them afterwards, plus events of
 * another project under the same distinct ids. Events are $pageview (60 %), signed_up with plan pro or free (15 %)
 * and clicked (25 %), at millisecond-random times.
 */

const NOW = new Date('2024-03-20T15:00:00Z');
const SEED = 20240320;
const DAY_MS = 86_400_000;

let u: Universe;
const events: ReferenceEvent[] = [];

before(async () => {
  u = await openUniverse();
  const random = seededRandom(SEED);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const people = Array.from({ length: 30 }, (_, i) => `p${i}`);
  const anonymous = new Map(people.filter(() => random() < 1 / 3).map((p) => [p, `anon-${p}`]));
  for (const p of people) u.person(p);
  for (let k = 0; k < 400; k++) {
    const actor = pick(people);
    const distinctId = anonymous.has(actor) && random() < 0.4 ? anonymous.get(actor)! : actor;
    const roll = random();
    const event = roll < 0.6 ? '$pageview' : roll < 0.75 ? 'signed_up' : 'clicked';
    const properties = event === 'signed_up' ? { plan: pick(['pro', 'free']) } : { $browser: pick(['Chrome', 'Firefox']) };
    const timestamp = new Date(NOW.getTime() - Math.floor(random() * 30 * DAY_MS));
    u.event(distinctId, event, timestamp.toISOString(), properties);
    events.push({ actor, event, timestamp, properties });
  }
  for (const [person, anon] of anonymous) u.merge(anon, person);
  for (let k = 0; k < 40; k++) {
    const timestamp = new Date(NOW.getTime() - Math.floor(random() * 30 * DAY_MS));
    u.event(pick(people), pick(['$pageview', 'signed_up']), timestamp.toISOString(), { plan: 'pro' }, { team: OTHER_TEAM });
  }
  await u.flush();
});

interface Variant {
  retentionType: RetentionType;
  target: 'pageview' | 'pro sign-up';
  cumulative?: boolean;
  minimumOccurrences?: number;
}

const VARIANTS: Variant[] = [
  { retentionType: 'retention_recurring', target: 'pageview' },
  { retentionType: 'retention_recurring', target: 'pro sign-up' },
  { retentionType: 'retention_first_time', target: 'pageview' },
  { retentionType: 'retention_first_time', target: 'pro sign-up' },
  { retentionType: 'retention_first_ever_occurrence', target: 'pro sign-up' },
  { retentionType: 'retention_recurring', target: 'pageview', cumulative: true },
  { retentionType: 'retention_first_time', target: 'pro sign-up', minimumOccurrences: 2 },
];

async function crossCheck(period: RetentionPeriod, totalIntervals: number, ctx: InsightContext): Promise<void> {
  const range = retentionRange(null, period, totalIntervals, ctx);
  for (const variant of VARIANTS) {
    const proSignUp = variant.target === 'pro sign-up';
    const query: RetentionQuery = {
      kind: 'RetentionQuery',
      retentionFilter: {
        retentionType: variant.retentionType,
        period,
        totalIntervals,
        targetEntity: proSignUp
          ? { id: 'signed_up', type: 'events', properties: [{ key: 'plan', value: 'pro', operator: 'exact', type: 'event' }] }
          : { id: '$pageview', type: 'events' },
        returningEntity: { id: '$pageview', type: 'events' },
        cumulative: variant.cumulative ?? false,
        minimumOccurrences: variant.minimumOccurrences ?? 1,
      },
    };
    const rows = await u.runPlan(await planRetention(query, ctx));
    const reference: ReferenceQuery = {
      retentionType: variant.retentionType,
      starts: range.starts,
      end: range.end,
      isTarget: (e) => (proSignUp ? e.event === 'signed_up' && e.properties.plan === 'pro' : e.event === '$pageview'),
      isTargetUnfiltered: (e) => e.event === (proSignUp ? 'signed_up' : '$pageview'),
      isReturn: (e) => e.event === '$pageview',
      cumulative: variant.cumulative,
      minimumOccurrences: variant.minimumOccurrences,
    };
    const expected = referenceRetention(events, reference);
    assert.deepEqual(rows.map((r) => r.values.map((v) => v.count)), expected, `${period} ${JSON.stringify(variant)}`);
    assert.ok(expected.flat().some((count) => count > 0), 'the generated data must give non-empty retention');
  }
}

test('Day periods in New York, across a daylight-saving change, agree with the reference', async () => {
  await crossCheck('Day', 14, insightContext({ teamId: 1, now: NOW, timezone: 'America/New_York' }));
});

test('Week periods (Monday start, UTC) agree with the reference', async () => {
  await crossCheck('Week', 5, insightContext({ teamId: 1, now: NOW, weekStartDay: 1 }));
});

// The one-pass form answers most queries; the per-period form, which the reference checks above for minimumOccurrences
// 2, must give every actor the same cohort rows and offsets, including breakdowns the reference does not model.
async function cohortRows(query: RetentionQuery, ctx: InsightContext, form: PerActorForm): Promise<string[]> {
  const spec = parseRetentionQuery(query, ctx);
  const range = retentionRange(spec.dateRange, spec.period, spec.totalIntervals, ctx);
  const result = await u.run(compileInsightStatement(await cohortRowsQuery(spec, range, ctx, form), ctx));
  const column = (name: string) => result.columns.findIndex((c) => c.name === name);
  const [actor, start, breakdown, offsets] = ['actor_id', 'start_index', 'breakdown_value', 'offsets'].map(column);
  return result.rows
    .map((r) => JSON.stringify([r[actor], Number(r[start]), breakdown < 0 ? null : r[breakdown], (r[offsets] as number[]).map(Number).sort((a, b) => a - b)]))
    .sort();
}

test('one pass and the per-period aggregation give the same cohort rows', async () => {
  const newYork = insightContext({ teamId: 1, now: NOW, timezone: 'America/New_York' });
  const mondays = insightContext({ teamId: 1, now: NOW, weekStartDay: 1 });
  const proSignUp = { id: 'signed_up', type: 'events' as const, properties: [{ key: 'plan', value: 'pro', operator: 'exact' as const, type: 'event' as const }] };
  const cases: [RetentionQuery, InsightContext][] = [
    [{ kind: 'RetentionQuery', retentionFilter: { period: 'Day', totalIntervals: 14 } }, newYork],
    [{ kind: 'RetentionQuery', retentionFilter: { period: 'Hour', totalIntervals: 300 } }, newYork],
    [{ kind: 'RetentionQuery', retentionFilter: { period: 'Week', totalIntervals: 5 } }, mondays],
    [{ kind: 'RetentionQuery', retentionFilter: { period: 'Month', totalIntervals: 2 } }, newYork],
    [{ kind: 'RetentionQuery', retentionFilter: { retentionType: 'retention_first_time', period: 'Day', totalIntervals: 14 } }, newYork],
    [
      { kind: 'RetentionQuery', retentionFilter: { retentionType: 'retention_first_time', period: 'Week', totalIntervals: 5 }, breakdownFilter: { breakdown: '$browser' } },
      mondays,
    ],
    [
      { kind: 'RetentionQuery', retentionFilter: { retentionType: 'retention_first_time', period: 'Day', totalIntervals: 14, targetEntity: { id: 'signed_up', type: 'events' } }, breakdownFilter: { breakdown: 'plan' } },
      newYork,
    ],
    [
      { kind: 'RetentionQuery', retentionFilter: { retentionType: 'retention_first_ever_occurrence', period: 'Day', totalIntervals: 14, targetEntity: proSignUp }, breakdownFilter: { breakdown: 'plan' } },
      newYork,
    ],
  ];
  for (const [query, ctx] of cases) {
    const onePass = await cohortRows(query, ctx, 'one-pass');
    assert.deepEqual(onePass, await cohortRows(query, ctx, 'by-period'), JSON.stringify(query));
    assert.ok(onePass.some((row) => (JSON.parse(row) as unknown[][])[3].length > 1), `someone comes back: ${JSON.stringify(query)}`);
  }
});

test('the reference itself: a hand-made case', () => {
  const starts = [new Date('2024-05-01T00:00:00Z'), new Date('2024-05-02T00:00:00Z'), new Date('2024-05-03T00:00:00Z')];
  const end = new Date('2024-05-04T00:00:00Z');
  const e = (actor: string, day: number, event = '$pageview'): ReferenceEvent => ({ actor, event, timestamp: new Date(Date.UTC(2024, 4, day, 12)), properties: {} });
  const data = [e('a', 1), e('a', 3), e('b', 2), e('b', 3), e('c', 30 - 31)];
  const query = { starts, end, isTarget: (x: ReferenceEvent) => x.event === '$pageview', isReturn: () => true };
  assert.deepEqual(referenceRetention(data, { ...query, retentionType: 'retention_recurring' }), [[1, 0, 1], [1, 1], [2]]);
  assert.deepEqual(referenceRetention(data, { ...query, retentionType: 'retention_recurring', cumulative: true }), [[1, 1, 1], [1, 1], [2]]);
  assert.deepEqual(referenceRetention(data, { ...query, retentionType: 'retention_first_time' }), [[1, 0, 1], [1, 1], [0]]);
});
