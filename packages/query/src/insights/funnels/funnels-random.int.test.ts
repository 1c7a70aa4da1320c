import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { seededRandom } from '@warren/flags/test-support/seeded-random';
import { openUniverse, OTHER_TEAM, type Universe } from '../../test-support/insight-universe.js';
import { BREAKDOWN_NULL, BREAKDOWN_OTHER } from '../breakdown.js';
import { alignDown, bucketKey, type Interval } from '../date-range.js';
import { insightContext } from '../insight-context.js';
import type { SeriesNode } from '../series.js';
import { chartSpec } from './funnel-layout.js';
import type { FunnelStepResult, FunnelTrendResult, TimeToConvertResult } from './funnel-shape.js';
import { compareValues } from './funnel-shape.js';
import { averageAndMedian, referenceOutcomes, type RefEvent, type RefFunnel, type RefOutcome } from './funnels-reference.js';
import { planFunnels } from './funnels-query.js';
import { funnelSpec, type FunnelSpec, type FunnelsQuery } from './funnels-spec.js';

/*
 * Randomized cross-check against the naive reference (funnels-reference.ts). From a seed: 30 people with 450 events
 * over the 3 days before now (2024-05-10 12:00Z), whole seconds, a fifth of them at the same second as the person's
 * previous event; a third of the people browse under an anonymous distinct id merged into them afterwards; another
 * project's events use the same distinct ids. Events: A 22 %, B 20 %, C 15 %, D 10 %, X 8 % (the exclusion),
 * N 25 % (noise, which only strict funnels read); `b` ∈ Chrome/Safari/Firefox/missing, `h` ∈ 1/2. Then 45 random
 * funnels: order, 3–4 steps (sometimes one event twice), window, exclusion, optional step, breakdown attribution and
 * limit, held property, and chart (steps, time to convert, trends by day or hour).
 */

const NOW = new Date('2024-05-10T12:00:00Z');
const TZ = 'America/New_York';
const ctx = insightContext({ teamId: 1, now: NOW, timezone: TZ });
const SEED = 20240510;
const TRIALS = 45;

interface Generated {
  actor: string;
  event: string;
  at: Date;
  properties: Record<string, string>;
}

let u: Universe;
const generated: Generated[] = [];

before(async () => {
  u = await openUniverse();
  const random = seededRandom(SEED);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const people = Array.from({ length: 30 }, (_, i) => `p${i}`);
  const anonymous = new Map(people.filter(() => random() < 1 / 3).map((p) => [p, `anon-${p}`]));
  for (const p of people) u.person(p);
  const last = new Map<string, Date>();
  for (let k = 0; k < 450; k++) {
    const actor = pick(people);
    const distinctId = anonymous.has(actor) && random() < 0.5 ? anonymous.get(actor)! : actor;
    const roll = random();
    const event = roll < 0.22 ? 'A' : roll < 0.42 ? 'B' : roll < 0.57 ? 'C' : roll < 0.67 ? 'D' : roll < 0.75 ? 'X' : 'N';
    const properties: Record<string, string> = { h: pick(['1', '2']) };
    const browser = pick(['Chrome', 'Safari', 'Firefox', null]);
    if (browser) properties.b = browser;
    const previous = last.get(actor);
    const at = previous && random() < 0.2 ? previous : new Date(NOW.getTime() - 1000 * Math.floor(random() * 3 * 86_400));
    last.set(actor, at);
    u.event(distinctId, event, at.toISOString(), properties);
    generated.push({ actor, event, at, properties });
  }
  for (const [person, anon] of anonymous) u.merge(anon, person);
  for (let k = 0; k < 40; k++) {
    u.event(pick(people), pick(['A', 'B', 'C']), new Date(NOW.getTime() - 1000 * Math.floor(random() * 86_400)).toISOString(), { b: 'Chrome' }, { team: OTHER_TEAM });
  }
  await u.flush();
});

function randomQuery(random: () => number): FunnelsQuery {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const order = pick(['ordered', 'strict', 'unordered'] as const);
  const names = random() < 0.25 ? pick([['A', 'B', 'A'], ['A', 'A', 'B'], ['B', 'C', 'B', 'D']]) : pick([['A', 'B', 'C'], ['A', 'B', 'C', 'D'], ['B', 'A', 'C'], ['A', 'C', 'D']]);
  const viz = pick(['steps', 'steps', 'steps', 'time_to_convert', 'trends'] as const);
  const series: (SeriesNode & { optionalInFunnel?: boolean })[] = names.map((event) => ({ kind: 'EventsNode', event }));
  if (order !== 'unordered' && viz === 'steps' && random() < 0.3) series[1 + Math.floor(random() * (series.length - 1))].optionalInFunnel = true;
  const [interval, unit] = pick([[90, 'second'], [30, 'minute'], [1, 'hour'], [6, 'hour'], [1, 'day'], [2, 'day']] as const);
  const last = series.length - 1;
  const fromStep = viz === 'steps' ? 0 : Math.floor(random() * last);
  const toStep = viz === 'steps' ? last : fromStep + 1 + Math.floor(random() * (last - fromStep));
  const funnelsFilter: Record<string, unknown> = { funnelOrderType: order, funnelVizType: viz, funnelWindowInterval: interval, funnelWindowIntervalUnit: unit, funnelFromStep: fromStep, funnelToStep: toStep };
  if (random() < 0.35) {
    const from = order === 'unordered' ? 0 : Math.floor(random() * last);
    const to = order === 'unordered' ? last : from + 1 + Math.floor(random() * (last - from));
    funnelsFilter.exclusions = [{ kind: 'EventsNode', event: 'X', funnelFromStep: from, funnelToStep: to }];
  }
  if (random() < 0.2) funnelsFilter.holdConstant = [{ type: 'event', key: 'h' }];
  const query: FunnelsQuery = { kind: 'FunnelsQuery', series, dateRange: { date_from: '-4d' }, interval: pick(['day', 'hour'] as const), funnelsFilter };
  if (random() < 0.45) {
    const attribution = pick(['first_touch', 'last_touch', 'all_events', 'step'] as const);
    funnelsFilter.breakdownAttributionType = attribution;
    if (attribution === 'step') funnelsFilter.breakdownAttributionValue = order === 'unordered' ? 0 : Math.floor(random() * series.length);
    query.breakdownFilter = { breakdown: 'b', breakdown_type: 'event', breakdown_limit: 1 + Math.floor(random() * 3), breakdown_hide_other_aggregation: random() < 0.2 };
  }
  return query;
}

/**
 * A property filter (`h` = 1) on one step of half the funnels, drawn from a random source of its own so the funnels
 * themselves stay the seed's. A step whose event no other step or exclusion names has its flag read from the event
 * name alone (funnel-events.ts); a step sharing its event with another must not be: the filter goes on a shared
 * event whenever there is one, to hold both cases to the reference.
 */
function withStepFilter(query: FunnelsQuery, random: () => number): FunnelsQuery {
  if (random() >= 0.5) return query;
  const names = query.series.map((node) => (node as { event: string }).event);
  const shared = names.flatMap((name, i) => (names.indexOf(name) !== names.lastIndexOf(name) ? [i] : []));
  const k = shared.length > 0 ? shared[Math.floor(random() * shared.length)] : Math.floor(random() * query.series.length);
  const series = query.series.map((node, i) => (i === k ? { ...node, properties: [{ key: 'h', value: ['1'], operator: 'exact', type: 'event' }] } : node));
  return { ...query, series } as FunnelsQuery;
}

function referenceInput(spec: FunnelSpec): { events: RefEvent[]; funnel: RefFunnel } {
  const stepEvents = spec.steps.map((node) => (node.kind === 'EventsNode' ? node.event : null));
  const filtered = spec.steps.map((node) => Boolean(node.properties));
  const events = generated.map((g): RefEvent => ({
    actor: g.actor,
    ts: g.at.getTime() / 1000,
    steps: stepEvents.map((name, k) => name === g.event && (!filtered[k] || g.properties.h === '1')),
    exclusions: spec.exclusions.map(() => g.event === 'X'),
    bd: spec.breakdowns.map(() => g.properties.b ?? BREAKDOWN_NULL),
    hold: spec.hold.map(() => g.properties.h ?? BREAKDOWN_NULL),
    bucket: bucketKey(alignDown(g.at, spec.interval as Interval, ctx), TZ),
  }));
  const relevant = spec.order === 'strict' ? events : events.filter((e) => e.steps.some(Boolean) || e.exclusions.some(Boolean));
  return {
    events: relevant,
    funnel: {
      order: spec.order,
      windowSeconds: spec.windowSeconds,
      optional: spec.optional,
      exclusions: spec.exclusions.map((e) => ({ from: e.from, to: e.to })),
      breakdown: spec.breakdowns.length > 0,
      attribution: spec.attribution,
      attributionStep: spec.attributionStep,
      hold: spec.hold.length > 0,
      trends: spec.viz === 'trends',
      fromStep: spec.fromStep,
      toStep: spec.toStep,
    },
  };
}

interface Group {
  value: string[];
  counts: number[];
  times: number[][];
}

function stepGroups(spec: FunnelSpec, outcomes: RefOutcome[]): Group[] {
  const groups = new Map<string, Group>();
  for (const o of outcomes.filter((x) => x.counted)) {
    const key = JSON.stringify(o.bd);
    const group = groups.get(key) ?? { value: o.bd, counts: spec.steps.map(() => 0), times: spec.steps.map(() => []) };
    o.reached.forEach((r, k) => {
      if (r) group.counts[k]++;
      if (r && k > 0) group.times[k].push(o.times[k]);
    });
    groups.set(key, group);
  }
  const rank = (g: Group) => [g.value.includes(BREAKDOWN_NULL) ? 1 : 0, ...[...g.counts].reverse().map((c) => -c)];
  const sorted = [...groups.values()].sort((a, b) => {
    const [x, y] = [rank(a), rank(b)];
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] - y[i];
    return compareValues(a.value, b.value);
  });
  const limit = spec.breakdowns.length > 0 ? spec.breakdownLimit : 1;
  const top = sorted.slice(0, limit);
  const rest = sorted.slice(limit);
  if (spec.breakdowns.length > 0 && rest.length > 0 && !spec.hideOther) {
    top.push({
      value: spec.breakdowns.map(() => BREAKDOWN_OTHER),
      counts: spec.steps.map((_, k) => rest.reduce((sum, g) => sum + g.counts[k], 0)),
      times: spec.steps.map((_, k) => rest.flatMap((g) => g.times[k])),
    });
  }
  return top;
}

function checkSteps(spec: FunnelSpec, outcomes: RefOutcome[], actual: FunnelStepResult[] | FunnelStepResult[][], label: string): void {
  const expected = stepGroups(spec, outcomes);
  const lists = spec.breakdowns.length > 0 ? (actual as FunnelStepResult[][]) : actual.length > 0 ? [actual as FunnelStepResult[]] : [];
  assert.deepEqual(lists.map((l) => l[0].breakdown_value ?? []), expected.map((g) => (spec.breakdowns.length > 0 ? g.value : [])), `${label}: breakdown values`);
  lists.forEach((steps, i) => {
    assert.deepEqual(steps.map((s) => s.count), expected[i].counts, `${label}: counts of ${JSON.stringify(expected[i].value)}`);
    steps.forEach((s, k) => {
      const { average, median } = k === 0 ? { average: null, median: null } : averageAndMedian(expected[i].times[k]);
      close(s.average_conversion_time, average, `${label}: average of step ${k}`);
      close(s.median_conversion_time, median, `${label}: median of step ${k}`);
    });
  });
}

function checkTimeToConvert(spec: FunnelSpec, outcomes: RefOutcome[], actual: TimeToConvertResult, label: string): void {
  const timings = outcomes.filter((o) => o.counted && o.reached[spec.toStep]).map((o) => o.ttc);
  const bins = spec.binCount ?? Math.min(60, Math.max(1, Math.ceil(Math.pow(timings.length, 1 / 3) - 1e-9)));
  const min = timings.length > 0 ? Math.floor(Math.min(...timings)) : 0;
  const max = timings.length > 0 ? Math.ceil(Math.max(...timings)) : 0;
  const width = Math.ceil((max - min) / bins) > 0 ? Math.ceil((max - min) / bins) : 60;
  const expected = Array.from({ length: bins + 1 }, (_, i) => [Math.round(min + i * width), timings.filter((t) => Math.floor((t - min) / width) === i).length]);
  assert.deepEqual(actual.bins, expected, `${label}: bins`);
  const sorted = [...timings].sort((a, b) => a - b);
  close(actual.average_conversion_time, timings.length > 0 ? timings.reduce((a, b) => a + b, 0) / timings.length : null, `${label}: average`);
  close(actual.median_conversion_time, timings.length > 0 ? (sorted[Math.floor((sorted.length + 1) / 2) - 1] + sorted[Math.floor(sorted.length / 2)]) / 2 : null, `${label}: median`);
}

function checkTrends(spec: FunnelSpec, outcomes: RefOutcome[], actual: FunnelTrendResult[], label: string): void {
  const byValue = new Map<string, { value: string[]; buckets: Map<string, [Set<string>, Set<string>]> }>();
  for (const o of outcomes.filter((x) => x.counted && x.reached[spec.fromStep])) {
    const entry = byValue.get(JSON.stringify(o.bd)) ?? { value: o.bd, buckets: new Map() };
    const [entered, converted] = entry.buckets.get(o.bucket) ?? [new Set<string>(), new Set<string>()];
    entered.add(o.actor);
    if (o.reached[spec.toStep]) converted.add(o.actor);
    entry.buckets.set(o.bucket, [entered, converted]);
    byValue.set(JSON.stringify(o.bd), entry);
  }
  const rate = (buckets: Map<string, [number, number]>, start: Date) => {
    const [entered, converted] = buckets.get(bucketKey(start, TZ)) ?? [0, 0];
    return entered > 0 ? Math.round((converted / entered) * 10_000) / 100 : 0;
  };
  const counts = (entry: { buckets: Map<string, [Set<string>, Set<string>]> }) =>
    new Map([...entry.buckets].map(([k, [e, c]]) => [k, [e.size, c.size] as [number, number]]));
  if (spec.breakdowns.length === 0) {
    const only = [...byValue.values()][0];
    assert.deepEqual(actual[0].data, spec.range.buckets.map((b) => rate(only ? counts(only) : new Map(), b)), `${label}: rates`);
    return;
  }
  const total = (e: { buckets: Map<string, [Set<string>, Set<string>]> }) => [...e.buckets.values()].reduce((s, [x]) => s + x.size, 0);
  const ranked = [...byValue.values()].sort(
    (a, b) => (a.value.includes(BREAKDOWN_NULL) ? 1 : 0) - (b.value.includes(BREAKDOWN_NULL) ? 1 : 0) || total(b) - total(a) || compareValues(a.value, b.value),
  );
  const top = ranked.slice(0, spec.breakdownLimit).map((e) => ({ value: e.value, buckets: counts(e) }));
  const rest = ranked.slice(spec.breakdownLimit);
  if (rest.length > 0 && !spec.hideOther) {
    const merged = new Map<string, [number, number]>();
    for (const e of rest) for (const [k, [x, y]] of counts(e)) merged.set(k, [(merged.get(k)?.[0] ?? 0) + x, (merged.get(k)?.[1] ?? 0) + y]);
    top.push({ value: spec.breakdowns.map(() => BREAKDOWN_OTHER), buckets: merged });
  }
  assert.deepEqual(actual.map((r) => r.breakdown_value), top.map((t) => t.value), `${label}: trend values`);
  actual.forEach((r, i) => assert.deepEqual(r.data, spec.range.buckets.map((b) => rate(top[i].buckets, b)), `${label}: rates of ${JSON.stringify(top[i].value)}`));
}

function close(actual: number | null, expected: number | null, label: string): void {
  if (expected === null || actual === null) return assert.equal(actual, expected, label);
  assert.ok(Math.abs(actual - expected) < 1e-6, `${label}: ${actual} ≠ ${expected}`);
}

test(`${TRIALS} random funnels agree with the reference (all three orders, exclusions, optional steps, breakdowns, held properties, all charts)`, async () => {
  const random = seededRandom(SEED + 1);
  const filterRandom = seededRandom(SEED + 2);
  const seen = new Set<string>();
  for (let trial = 0; trial < TRIALS; trial++) {
    const query = withStepFilter(randomQuery(random), filterRandom);
    const spec = chartSpec(funnelSpec(query, ctx));
    const { events, funnel } = referenceInput(spec);
    const outcomes = referenceOutcomes(events, funnel);
    const label = `trial ${trial} ${JSON.stringify({ ...query.funnelsFilter, series: query.series.map((s) => (s as { event: string }).event + ((s as { optionalInFunnel?: boolean }).optionalInFunnel ? '?' : '') + (s.properties ? '[h=1]' : '')), breakdown: query.breakdownFilter })}`;
    const results = await u.runPlan(await planFunnels(query, ctx)).catch((error: Error) => assert.fail(`${label}: ${error.message.slice(0, 300)}`));
    if (spec.viz === 'steps') checkSteps(spec, outcomes, results as FunnelStepResult[], label);
    else if (spec.viz === 'time_to_convert') checkTimeToConvert(spec, outcomes, results as TimeToConvertResult, label);
    else checkTrends(spec, outcomes, results as FunnelTrendResult[], label);
    seen.add(`${spec.order}/${spec.viz}`);
  }
  // The seed must keep covering every order with every chart, or the test proves less than it says.
  assert.ok(seen.size >= 8, `combinations covered: ${[...seen].join(', ')}`);
});
