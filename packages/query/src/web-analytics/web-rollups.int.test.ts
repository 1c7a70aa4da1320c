import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { seededRandom } from '@warren/flags/test-support/seeded-random';
import { insightContext, type InsightContext } from '../insights/insight-context.js';
import { openUniverse, type Universe } from '../test-support/insight-universe.js';
import { rollUpEveryDay } from '../test-support/web-rollup-support.js';
import { page, seedWebUniverse, v7, WEB_ACTIONS } from '../test-support/web-universe.js';
import { planWebOverview, type WebOverviewQuery } from './web-overview.js';
import { planWebStatsTable, type WebStatsTableQuery } from './web-stats-table.js';
import { liveSessionDays, ROLLUP_SESSION_BREAKDOWNS, rollupDaysFor, type WebRollupDay } from './web-rollups.js';

/**
 * The web rollups give the answers the sessions alone give. The shared web fixture plus ~600 generated sessions over
 * 06-01 … 06-20 with UUIDv7 ids (so their days can be rolled up): 1-4 views over six paths (and views without a path),
 * autocaptures, sessions crossing midnight, ids made a few seconds after the session's first event (filed under the
 * next day near midnight), sessions lasting up to 30 hours, bots, sessions with no view, anonymous ids merged into
 * people, people with sessions on many days. Every question below is asked twice, reading sessions only and taking
 * every day it can from the rollups, over ranges, timezones and compare, and must agree to the last digit.
 */
let u: Universe;
/** The rollups of every day, computed once per timezone the questions are asked in (bands end at its midnights). */
const daysByTimezone = new Map<string, WebRollupDay[]>();
let days: WebRollupDay[];
const NOW = new Date('2024-06-25T12:00:00Z');
const TIMEZONES = ['UTC', 'America/New_York', 'Asia/Kolkata'];

function seedGenerated(universe: Universe): void {
  const rng = seededRandom(42);
  const pick = <T>(items: readonly T[]) => items[Math.floor(rng() * items.length)];
  const paths = ['/', '/home', '/pricing', '/docs', '/blog', '/signup', null];
  for (let p = 0; p < 40; p++) universe.person(`person-${p}`);
  for (let i = 0; i < 600; i++) {
    const start = Date.parse('2024-06-01T00:00:00Z') + Math.floor(rng() * 20 * 86_400_000);
    // Near midnight on purpose for some: the id's day and the first event's day then differ.
    const idLag = rng() < 0.1 ? Math.floor(rng() * 120_000) : 0;
    const id = v7(new Date(start + idLag).toISOString(), `9${i.toString(16)}`);
    const who = rng() < 0.15 ? `anon-${i}` : `person-${Math.floor(rng() * 40)}`;
    const bot = rng() < 0.05;
    const long = rng() < 0.03;
    let at = start;
    const views = rng() < 0.08 ? 0 : 1 + Math.floor(rng() * 4);
    if (views === 0) universe.event(who, '$autocapture', new Date(at).toISOString(), page('/home'), { session: id });
    for (let v = 0; v < views; v++) {
      const path = pick(paths);
      const props = path === null ? { $current_url: 'https://shop.test/x' } : page(path);
      universe.event(who, '$pageview', new Date(at).toISOString(), bot ? { ...props, $is_bot: true } : props, { session: id });
      at += long ? Math.floor(rng() * 10 * 3_600_000) : Math.floor(rng() * 40_000);
      if (rng() < 0.2) universe.event(who, '$autocapture', new Date(at).toISOString(), page(path ?? '/x'), { session: id });
    }
    if (who.startsWith('anon-') && rng() < 0.5) universe.merge(who, `person-${Math.floor(rng() * 40)}`);
  }
}

before(async () => {
  u = await openUniverse();
  seedWebUniverse(u);
  seedGenerated(u);
  await u.flush();
  for (const [i, timezone] of TIMEZONES.entries()) daysByTimezone.set(timezone, await rollUpEveryDay(u, 1, timezone, i + 1));
  days = daysByTimezone.get('UTC') ?? [];
});

const context = (timezone: string, withRollups: boolean): InsightContext =>
  insightContext({ teamId: 1, now: NOW, timezone, actions: WEB_ACTIONS, ...(withRollups && { webRollupDays: daysByTimezone.get(timezone) }) });

const RANGES = [
  { date_from: '2024-06-08', date_to: '2024-06-14' },
  { date_from: '2024-06-01', date_to: '2024-06-20' },
  { date_from: '2024-06-03', date_to: '2024-06-17' },
  { date_from: '2024-06-10T06:00:00', date_to: '2024-06-15T18:30:00' },
  { date_from: '-30d' },
];

async function both<Q>(plan: (ctx: InsightContext) => Promise<{ statements: { sql: string }[] }>, timezone: string) {
  const live = await plan(context(timezone, false));
  const rolled = await plan(context(timezone, true));
  return { live, rolled, readsRollups: rolled.statements.some((s) => s.sql.includes('web_')) };
}

test('every day of UUIDv7 sessions was rolled up, the others never', () => {
  const listed = days.map((d) => d.day);
  for (let day = 1; day <= 20; day++) assert.ok(listed.includes(`2024-06-${String(day).padStart(2, '0')}`));
  assert.ok(!listed.includes('1970-01-01'));
  assert.ok(days.some((d) => d.bands.reduce((n, b) => n + b.sessions, 0) > 20));
  // Banded at the project's midnights: New York's cuts most UTC days in two.
  assert.ok((daysByTimezone.get('America/New_York') ?? []).filter((d) => d.bands.length === 2).length >= 15);
});

test('WebOverviewQuery: the same five figures with and without rollups, over ranges, timezones and compare', async () => {
  let usedRollups = 0;
  for (const timezone of TIMEZONES) {
    for (const dateRange of RANGES) {
      for (const compare of [false, true]) {
        const query: WebOverviewQuery = { kind: 'WebOverviewQuery', dateRange, properties: [], compareFilter: { compare } };
        const { live, rolled, readsRollups } = await both((ctx) => planWebOverview(query, ctx), timezone);
        if (readsRollups) usedRollups++;
        assert.deepEqual(await u.runPlan(rolled as never), await u.runPlan(live as never), `${timezone} ${JSON.stringify(dateRange)} compare=${compare}`);
      }
    }
  }
  assert.ok(usedRollups >= 20, `rollups were read by ${usedRollups} of 30 questions`);
});

test('WebStatsTableQuery Page: the same rows with and without rollups, with scroll depth and time on page too', async () => {
  let usedRollups = 0;
  for (const timezone of TIMEZONES) {
    for (const dateRange of RANGES) {
      for (const [compare, extra] of [
        [false, {}],
        [true, {}],
        [true, { includeScrollDepth: true, includeBounceRate: true }],
      ] as const) {
        const query: WebStatsTableQuery = { kind: 'WebStatsTableQuery', breakdownBy: 'Page', dateRange, properties: [], compareFilter: { compare }, limit: 100, ...extra };
        const { live, rolled, readsRollups } = await both((ctx) => planWebStatsTable(query, ctx), timezone);
        if (readsRollups) usedRollups++;
        const [a, b] = [await u.runPlan(rolled as never), await u.runPlan(live as never)];
        assert.deepEqual(a, b, `${timezone} ${JSON.stringify(dateRange)} compare=${compare} ${JSON.stringify(extra)}`);
      }
    }
  }
  assert.ok(usedRollups >= 30, `rollups were read by ${usedRollups} of 45 questions`);
});

test('the session-level tables: the same rows with and without rollups, for every breakdown the rollups keep', async () => {
  let usedRollups = 0;
  let asked = 0;
  for (const breakdownBy of ROLLUP_SESSION_BREAKDOWNS) {
    for (const timezone of TIMEZONES) {
      for (const dateRange of [RANGES[0], RANGES[3], RANGES[4]]) {
        for (const compare of [false, true]) {
          const query: WebStatsTableQuery = { kind: 'WebStatsTableQuery', breakdownBy, dateRange, properties: [], compareFilter: { compare }, limit: 100 };
          const { live, rolled, readsRollups } = await both((ctx) => planWebStatsTable(query, ctx), timezone);
          asked++;
          if (readsRollups) usedRollups++;
          assert.deepEqual(await u.runPlan(rolled as never), await u.runPlan(live as never), `${breakdownBy} ${timezone} ${JSON.stringify(dateRange)} compare=${compare}`);
        }
      }
    }
  }
  assert.ok(usedRollups >= asked / 2, `rollups were read by ${usedRollups} of ${asked} questions`);
});

test('filters, a goal or another breakdown read sessions only', async () => {
  const ctx = context('UTC', true);
  const dateRange = RANGES[1];
  const filtered = await planWebOverview({ kind: 'WebOverviewQuery', dateRange, properties: [{ key: '$pathname', value: '/home', operator: 'exact', type: 'event' }] }, ctx);
  const goal = await planWebOverview({ kind: 'WebOverviewQuery', dateRange, properties: [], conversionGoal: { actionId: 1 } }, ctx);
  const region = await planWebStatsTable({ kind: 'WebStatsTableQuery', breakdownBy: 'Region', dateRange, properties: [] }, ctx);
  const filteredCountry = await planWebStatsTable(
    { kind: 'WebStatsTableQuery', breakdownBy: 'Country', dateRange, properties: [{ key: '$pathname', value: '/home', operator: 'exact', type: 'event' }] },
    ctx,
  );
  for (const plan of [filtered, goal, region, filteredCountry]) assert.ok(plan.statements.every((s) => !s.sql.includes('web_')));
});

test('a day is taken only when all its counted sessions lie inside the period', () => {
  // 06-07 holds gina's session, which ends on 06-08: not taken for a period ending on 06-07, and read live instead.
  const range = { from: new Date('2024-06-01T00:00:00Z'), to: new Date('2024-06-07T23:59:59.999999Z') };
  const gina = days.find((d) => d.day === '2024-06-07');
  assert.ok(gina && gina.bands.some((b) => b.maxEnd > range.to));
  const taken = rollupDaysFor(days, range).map((d) => d.day);
  assert.ok(!taken.includes('2024-06-07'));
  assert.ok(taken.includes('2024-06-05'));
  const live = liveSessionDays([range], rollupDaysFor(days, range));
  assert.ok(live.undated);
  assert.ok(live.ranges.some(([from, to]) => from <= '2024-06-07' && '2024-06-07' <= to));
  assert.ok(!live.ranges.some(([from, to]) => from <= '2024-06-05' && '2024-06-05' <= to));
});
