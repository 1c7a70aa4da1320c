import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HogQLError } from '@warren/query/hogql/hogql-error';
import type { InsightContext } from '@warren/query/insights/insight-context';
import type { InsightKind } from '@warren/query/insights/insight-kinds';
import type { InsightStatement, StatementResult } from '@warren/query/insights/insight-statement';
import { AppError } from '../platform/app-error.js';
import type { Project } from '../projects/project-repository.js';
import type { MetaDb } from '../storage/meta-schema.js';
import type { QueryOptions, QueryResult } from '../storage/event-store.js';
import { QueryExecutor } from './query-executor.js';
import { freshnessOf, queryJob, type QueryJobDeps } from './query-jobs.js';

const project: Project = {
  id: 3, uuid: 'u', organizationId: 'o', name: 'P', apiToken: 't', timezone: 'America/New_York', weekStartDay: 1,
  anonymizeIps: false, autocaptureOptOut: false, sessionRecordingOptIn: true, createdAt: '2024-01-01T00:00:00Z',
};

const statement = (name: string): InsightStatement => ({ sql: `SELECT '${name}'`, params: { name }, hogql: `SELECT '${name}' -- hogql` });

/** A store that answers every SQL with one row naming it, after `delayMs`; the min(timestamp) query gets `earliestMs`. */
function fakeStore(options: { delayMs?: number; earliestMs?: number } = {}) {
  const calls: { sql: string; timeoutMs?: number }[] = [];
  return {
    calls,
    async query(sql: string, params?: Record<string, unknown>, opts?: QueryOptions): Promise<QueryResult> {
      calls.push({ sql, timeoutMs: opts?.timeoutMs });
      if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
      if (sql.includes('toUnixTimestamp64Milli')) return { columns: [{ name: 'earliest', type: 'Int64' }], rows: [[String(options.earliestMs ?? 0)]], elapsedMs: 1 };
      return { columns: [{ name: 'x', type: 'String' }], rows: [[params?.name ?? sql]], elapsedMs: 1 };
    },
  };
}

/** A kind that plans `names` as statements and shapes their rows into a list of the values; it keeps the context it saw. */
function fakeKind(names: string[]) {
  const seen: { ctx?: InsightContext; query?: unknown } = {};
  const kind: InsightKind = {
    async plan(query: never, ctx: InsightContext) {
      seen.ctx = ctx;
      seen.query = query;
      if ((query as { interval?: string }).interval === 'fortnight') throw new HogQLError('unsupported', 'Unsupported interval: fortnight');
      return {
        statements: names.map(statement),
        shape: (results: readonly StatementResult[]) => results.map((r) => r.rows[0][0]),
        extra: { resolved_date_range: { date_from: '2024-05-01T00:00:00-04:00', date_to: '2024-05-03T23:59:59.999-04:00' } },
      };
    },
    async actors() {
      throw new Error('not used');
    },
  };
  return { kind, seen };
}

function deps(store: ReturnType<typeof fakeStore>, kind: InsightKind, extra: Partial<QueryJobDeps> = {}): QueryJobDeps {
  const actions = new Map([[5, { id: 5, name: 'Signed up', steps: [{ event: 'signed_up' }] }]]);
  return { store, db: {} as MetaDb, actions: { forProject: async (teamId) => (teamId === 3 ? actions : new Map()) }, kinds: (k) => (k === 'FakeQuery' ? kind : undefined), ...extra };
}

test('an insight kind gets the project context, its statements run in order, and the response has PostHog fields', async () => {
  const store = fakeStore();
  const { kind, seen } = fakeKind(['first', 'second']);
  const job = queryJob({ kind: 'FakeQuery', dateRange: { date_from: '-3d' } }, project, deps(store, kind));
  const { response, dateFrom, dateTo } = await job.calculate(new AbortController().signal);
  assert.equal(seen.ctx!.teamId, 3);
  assert.equal(seen.ctx!.timezone, 'America/New_York');
  assert.equal(seen.ctx!.weekStartDay, 1);
  assert.equal(seen.ctx!.actions.get(5)?.name, 'Signed up');
  assert.deepEqual(seen.ctx!.testAccountFilters, []);
  assert.equal(seen.ctx!.earliestEventAt, undefined, 'the first event is only looked up for all-time ranges');
  assert.deepEqual(store.calls.map((c) => c.sql), ["SELECT 'first'", "SELECT 'second'"]);
  assert.ok(store.calls.every((c) => c.timeoutMs! > 0 && c.timeoutMs! <= 10_000));
  assert.deepEqual(response.results, ['first', 'second']);
  assert.equal(response.hogql, "SELECT 'first' -- hogql");
  assert.deepEqual(response.resolved_date_range, { date_from: '2024-05-01T00:00:00-04:00', date_to: '2024-05-03T23:59:59.999-04:00' });
  assert.equal((response.timings as { k: string }[])[0].k, './query');
  assert.equal(dateFrom!.toISOString(), '2024-05-01T04:00:00.000Z');
  assert.equal(dateTo!.toISOString(), '2024-05-04T03:59:59.999Z');
  assert.equal(job.insight, true);
});

test('date_from "all" looks up the project first event, and no events means null', async () => {
  const { kind, seen } = fakeKind(['x']);
  await queryJob({ kind: 'FakeQuery', dateRange: { date_from: 'all' } }, project, deps(fakeStore({ earliestMs: Date.UTC(2023, 0, 2) }), kind)).calculate(new AbortController().signal);
  assert.equal(seen.ctx!.earliestEventAt!.toISOString(), '2023-01-02T00:00:00.000Z');
  await queryJob({ kind: 'FakeQuery', series: [{ dateRange: { date_from: 'all' } }] }, project, deps(fakeStore(), kind)).calculate(new AbortController().signal);
  assert.equal(seen.ctx!.earliestEventAt, null);
});

test('the statements of one query share a 10 s budget: running out is a 504 query_timeout', async () => {
  const store = fakeStore({ delayMs: 30 });
  const { kind } = fakeKind(['a', 'b', 'c', 'd']);
  const job = queryJob({ kind: 'FakeQuery' }, project, deps(store, kind, { timeoutMs: 50 }));
  await assert.rejects(new QueryExecutor().execute(job, 'blocking', 'q'), (e: unknown) => e instanceof AppError && e.status === 504 && e.code === 'query_timeout');
  assert.ok(store.calls.length < 4, 'later statements never started');
});

test('a cancelled query stops between statements', async () => {
  const store = fakeStore();
  const { kind } = fakeKind(['a', 'b']);
  const controller = new AbortController();
  const job = queryJob({ kind: 'FakeQuery' }, project, deps({ ...store, query: async (...args: Parameters<typeof store.query>) => (controller.abort(), store.query(...args)) } as never, kind));
  await assert.rejects(job.calculate(controller.signal), { name: 'AbortError' });
  assert.equal(store.calls.length, 1);
});

test('unknown kinds and missing required fields are 400 parse errors before anything runs; a bad query is a 400 when computed', async () => {
  const store = fakeStore();
  const { kind } = fakeKind(['x']);
  const parseError = (e: unknown) => e instanceof AppError && e.status === 400 && e.code === 'parse_error';
  assert.throws(() => queryJob({ kind: 'NopeQuery' }, project, deps(store, kind)), parseError);
  assert.throws(() => queryJob({ kind: 'HogQLQuery' }, project, deps(store, kind)), parseError);
  assert.throws(() => queryJob({ kind: 'EventsQuery' }, project, deps(store, kind)), parseError);
  assert.equal(store.calls.length, 0);
  const bad = queryJob({ kind: 'FakeQuery', interval: 'fortnight' }, project, deps(store, kind));
  await assert.rejects(new QueryExecutor().execute(bad, 'blocking', 'q'), (e: unknown) => e instanceof AppError && e.status === 400 && e.type === 'validation_error');
});

test('the cache key depends on the query, not on its key order, and on the project settings', () => {
  const { kind } = fakeKind([]);
  const d = deps(fakeStore(), kind);
  const a = queryJob({ kind: 'FakeQuery', interval: 'day', series: [{ event: 'x', kind: 'EventsNode' }] }, project, d).cacheKey;
  const b = queryJob({ series: [{ kind: 'EventsNode', event: 'x' }], interval: 'day', kind: 'FakeQuery' }, project, d).cacheKey;
  const c = queryJob({ kind: 'FakeQuery', interval: 'week', series: [{ event: 'x', kind: 'EventsNode' }] }, project, d).cacheKey;
  const other = queryJob({ kind: 'FakeQuery', interval: 'day', series: [{ event: 'x', kind: 'EventsNode' }] }, { ...project, timezone: 'UTC' }, d).cacheKey;
  assert.match(a, /^cache_[0-9a-f]{32}$/);
  assert.equal(a, b);
  assert.notEqual(a, c);
  assert.notEqual(a, other);
  const testAccounts = [{ key: 'email', value: '@acme.com', operator: 'not_icontains', type: 'person' }];
  const filtered = queryJob({ kind: 'FakeQuery', interval: 'day', series: [{ event: 'x', kind: 'EventsNode' }] }, { ...project, testAccountFilters: testAccounts }, d).cacheKey;
  assert.notEqual(a, filtered);
});

test('freshness follows the interval, retention the period; SQL is treated as daily, actors are always stale', () => {
  assert.equal(freshnessOf({ kind: 'TrendsQuery', interval: 'hour' }), 'hour');
  assert.equal(freshnessOf({ kind: 'TrendsQuery' }), 'day');
  assert.equal(freshnessOf({ kind: 'RetentionQuery', retentionFilter: { period: 'Week' } }), 'week');
  assert.equal(freshnessOf({ kind: 'StickinessQuery', interval: 'nonsense' }), 'day');
  assert.equal(freshnessOf({ kind: 'WebOverviewQuery' }), 'minute');
  assert.equal(freshnessOf({ kind: 'WebStatsTableQuery', breakdownBy: 'Page' }), 'minute');
  const { kind } = fakeKind([]);
  const d = deps(fakeStore(), kind);
  assert.equal(queryJob({ kind: 'HogQLQuery', query: 'select 1' }, project, d).freshness, 'day');
  assert.equal(queryJob({ kind: 'ActorsQuery' }, project, d).freshness, 'always_stale');
  assert.equal(queryJob({ kind: 'EventsQuery', select: ['*'] }, project, d).freshness, 'none');
});
