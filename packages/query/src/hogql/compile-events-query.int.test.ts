import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PEOPLE, TEAM_EVENT_COUNT, TEAM_ID, openFixture } from '../test-support/chdb-fixture.js';
import { compileEventsQuery, type CompileEventsQueryInput } from './compile-events-query.js';

// "now" is a day after the fixture's last event, so the default window (-24h) sees only part of it.
const NOW = new Date('2024-05-02T12:00:00Z');

async function events(input: Partial<CompileEventsQueryInput> & { select: string[] }) {
  const compiled = await compileEventsQuery({ teamId: TEAM_ID, timezone: 'UTC', now: NOW, ...input });
  const { rows } = await (await openFixture()).run(compiled);
  return { compiled, rows: rows.slice(0, compiled.limit) };
}

test('the default window is the last 24 hours, newest first', async () => {
  const { rows } = await events({ select: ['event', 'timestamp'] });
  assert.deepEqual(rows, [
    ['signup', '2024-05-02 08:00:00.000000'],
    ['$pageview', '2024-05-01 23:30:00.000000'],
  ]);
});

test('after: all removes the lower bound; relative and ISO bounds work', async () => {
  assert.equal((await events({ select: ['uuid'], after: 'all' })).rows.length, TEAM_EVENT_COUNT);
  assert.equal((await events({ select: ['uuid'], after: '-2d' })).rows.length, TEAM_EVENT_COUNT);
  const window = await events({ select: ['event'], after: '2024-05-01T09:00:00Z', before: '2024-05-02' });
  assert.deepEqual(window.rows, [['$pageview'], ['$pageview']]);
});

test('* and person come back as tuples the caller expands into objects', async () => {
  const { compiled, rows } = await events({ select: ['*', 'person'], event: 'signup', after: 'all' });
  assert.deepEqual(compiled.expand, ['event', 'person']);
  assert.deepEqual(compiled.columns, ['*', 'person']);
  const [event, person] = rows[0] as [unknown[], unknown[]];
  assert.equal(event[1], 'signup');
  assert.equal(event[4], 'bob');
  assert.deepEqual(person, [PEOPLE.bob, '2024-04-01 00:00:00.000', '{"email":"bob@acme.com"}', 'bob']);
});

test('aggregations group by the other columns and order by count() descending', async () => {
  const { rows } = await events({ select: ['event', 'count()'], after: 'all' });
  assert.deepEqual(rows, [['$pageview', 3], ['signup', 1]]);
});

test('event, person and property filters narrow the rows', async () => {
  const byPerson = await events({ select: ['distinct_id'], after: 'all', personId: PEOPLE.bob, orderBy: ['distinct_id'] });
  assert.deepEqual(byPerson.rows, [['bob'], ['bob-anon']]);
  const byProperty = await events({
    select: ['distinct_id', 'properties.$browser'],
    after: 'all',
    events: ['$pageview'],
    properties: [
      { type: 'event', key: '$browser', operator: 'icontains', value: 'chr' },
      { type: 'person', key: 'email', operator: 'exact', value: ['alice@acme.com'] },
    ],
  });
  assert.deepEqual(byProperty.rows, [['alice', 'Chrome']]);
  const numeric = await events({ select: ['event'], after: 'all', properties: [{ key: 'price', operator: 'gt', value: 10 }] });
  assert.deepEqual(numeric.rows, [['$pageview']]);
  const where = await events({ select: ['event'], after: 'all', where: ["properties.plan = 'pro'"] });
  assert.deepEqual(where.rows, [['signup']]);
});

test('limit and offset page through the rows', async () => {
  const page = await events({ select: ['distinct_id'], after: 'all', orderBy: ['timestamp ASC'], limit: 2, offset: 1 });
  assert.equal(page.compiled.limit, 2);
  assert.deepEqual(page.rows, [['alice'], ['alice']]);
});
