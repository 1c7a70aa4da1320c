import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileEventsQuery, type CompileEventsQueryInput } from './compile-events-query.js';

const now = new Date('2024-05-08T12:00:00Z');
const compile = (input: Partial<CompileEventsQueryInput> & { select: string[] }) =>
  compileEventsQuery({ teamId: 1, timezone: 'UTC', now, ...input });

test('the default order is timestamp DESC with a uuid tiebreak when events are listed', async () => {
  const { hogql, expand, columns } = await compile({ select: ['*', 'event'] });
  assert.match(hogql, /ORDER BY timestamp DESC, uuid DESC LIMIT 100$/);
  assert.deepEqual(expand, ['event', null]);
  assert.deepEqual(columns, ['*', 'event']);
});

test('aggregations group by the other columns and order by count() (else the first aggregate) descending', async () => {
  const counted = await compile({ select: ['event', 'avg(toFloat(properties.price))', 'count()'] });
  assert.match(counted.hogql, /GROUP BY event ORDER BY count\(\) DESC LIMIT 100$/);
  const averaged = await compile({ select: ['event', 'avg(toFloat(properties.price))'] });
  assert.match(averaged.hogql, /GROUP BY event ORDER BY avg\(toFloat\(properties.price\)\) DESC LIMIT 100$/);
});

test('without timestamp or aggregates the first column orders ascending; explicit orderBy wins', async () => {
  assert.match((await compile({ select: ['event'] })).hogql, /ORDER BY event ASC, uuid ASC/);
  assert.match((await compile({ select: ['event'], orderBy: ['distinct_id DESC'] })).hogql, /ORDER BY distinct_id DESC, uuid DESC/);
});

test('after defaults to -24h, before to now + 5s, and both bind as timestamps', async () => {
  const { sql, params, hogql } = await compile({ select: ['event'] });
  assert.match(hogql, /timestamp > toDateTime\('2024-05-07T12:00:00.000Z'\) AND timestamp < toDateTime\('2024-05-08T12:00:05.000Z'\)/);
  assert.ok(Object.values(params).includes('2024-05-07 12:00:00.000000'));
  assert.match(sql, /\{p\d+:DateTime64\(6, 'UTC'\)\}/);
  assert.ok(!(await compile({ select: ['event'], after: 'all', before: 'all' })).hogql.includes('timestamp >'));
});

test('event, events, personId and properties become conditions', async () => {
  const { hogql } = await compile({
    select: ['event'],
    after: 'all',
    event: '$pageview',
    events: ['a', 'b'],
    personId: 'aaaaaaaa-0000-4000-8000-000000000001',
    properties: [{ key: '$browser', value: 'Chrome' }],
    where: ['properties.x IS NOT NULL'],
  });
  assert.match(hogql, /event = '\$pageview' AND event IN \('a', 'b'\) AND person_id = toUUID\('aaaaaaaa-0000-4000-8000-000000000001'\) AND properties.\$browser = 'Chrome' AND properties.x != NULL/);
});

test('limit defaults to 100, is capped at 50000, and bad inputs are refused', async () => {
  assert.equal((await compile({ select: ['event'] })).limit, 100);
  assert.equal((await compile({ select: ['event'], limit: 1e6 })).limit, 50_000);
  await assert.rejects(compile({ select: [] }), { code: 'syntax_error' });
  await assert.rejects(compile({ select: ['event'], personId: "x' OR 1=1" }), { code: 'syntax_error' });
  await assert.rejects(compile({ select: ['event'], after: 'last tuesday' }), { code: 'syntax_error' });
  await assert.rejects(compile({ select: ['event'], limit: -1 }), { code: 'syntax_error' });
  await assert.rejects(compile({ select: ['event'], timezone: "UTC'" }), { code: 'unsupported' });
});

test('timestamps compared with bound instants use the bare column (partition pruning), text dates keep the project timezone', async () => {
  const { sql } = await compile({ select: ['event'], where: ["timestamp > '2024-05-01'"], timezone: 'Europe/Berlin' });
  assert.match(sql, /greater\(`events`\.`timestamp`, \{p\d+:DateTime64\(6, 'UTC'\)\}\)/);
  assert.match(sql, /less\(`events`\.`timestamp`, \{p\d+:DateTime64\(6, 'UTC'\)\}\)/);
  assert.match(sql, /greater\(toTimeZone\(`events`\.`timestamp`, \{p\d+:String\}\), \{p\d+:String\}\)/);
});
