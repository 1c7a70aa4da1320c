import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { hConstant } from '@warren/query/hogql/hogql-ast';
import { parseHogQLSelect } from '@warren/query/hogql/parse-hogql';
import type { InsightKind } from '@warren/query/insights/insight-kinds';
import { openUniverse, type Universe } from '@warren/query/test-support/insight-universe';
import { KyselyPersonRepository } from '../identity/kysely-person-repository.js';
import type { Project } from '../projects/project-repository.js';
import type { MetaDb } from '../storage/meta-schema.js';
import { openSqliteMetaDb } from '../storage/open-meta-db.js';
import { queryJob } from './query-jobs.js';

/*
 * The universe (project 1, UTC):
 *   alice  distinct ids alice + anon-1, {email: alice@x.io, name: Alice}, created 2024-01-01; did `a` as anon-1 and
 *          as alice (2 × a), and `b` once.
 *   bob    {email: bob@y.io}, created 2024-01-01; did `a` once.
 *   carol  {name: Carol}, created 2024-02-01; did `b` once.
 *   dave   did `a` twice, then was deleted: never an actor.
 *   eve    project 2, did `a`: never seen from project 1.
 * The meta store knows the same people with their distinct ids (where the actor objects' distinct_ids come from).
 */
let u: Universe;
let db: MetaDb;
const project = { id: 1, timezone: 'UTC', weekStartDay: 0 } as Project;

/** A kind whose actors are the persons who did `query.event`, with their event counts. */
const byEvent: InsightKind = {
  plan: async () => {
    throw new Error('not used');
  },
  actors: async (query: never) => {
    const ast = await parseHogQLSelect('SELECT person_id AS actor_id, count() AS event_count FROM events WHERE event = {event} GROUP BY person_id');
    const where = ast.node === 'SelectQuery' && ast.where?.node === 'CompareOperation' ? ast.where : null;
    return { ...(ast as never as object), where: { ...where!, right: hConstant((query as { event: string }).event) } } as never;
  },
};

before(async () => {
  u = await openUniverse();
  u.person('alice', { distinctIds: ['alice', 'anon-1'], properties: { email: 'alice@x.io', name: 'Alice' } });
  u.person('bob', { properties: { email: 'bob@y.io' } });
  u.person('carol', { properties: { name: 'Carol' }, createdAt: '2024-02-01T00:00:00Z' });
  u.person('dave');
  u.person('eve', { team: 2 });
  u.event('anon-1', 'a', '2024-05-01T10:00:00Z');
  u.event('alice', 'a', '2024-05-01T11:00:00Z');
  u.event('alice', 'b', '2024-05-01T12:00:00Z');
  u.event('bob', 'a', '2024-05-02T10:00:00Z');
  u.event('carol', 'b', '2024-05-02T10:00:00Z');
  u.event('dave', 'a', '2024-05-02T10:00:00Z');
  u.event('dave', 'a', '2024-05-02T11:00:00Z');
  u.event('eve', 'a', '2024-05-02T10:00:00Z', {}, { team: 2 });
  await u.flush();
  await u.store.insert('person', [{ team_id: 1, id: u.personId('dave'), created_at: '2024-01-01 00:00:00', properties: '{}', is_identified: 1, is_deleted: 1, version: 2 }]);

  db = await openSqliteMetaDb(fs.mkdtempSync(path.join(os.tmpdir(), 'warren-actors-')));
  const persons = new KyselyPersonRepository(db);
  const common = { teamId: 1, propertiesLastUpdatedAt: {}, isIdentified: true, createdAt: '2024-01-01T00:00:00Z' };
  await persons.create({ ...common, uuid: u.personId('alice'), properties: {}, distinctIds: ['anon-1', 'alice'] });
  await persons.create({ ...common, uuid: u.personId('bob'), properties: {}, distinctIds: ['bob'] });
  await persons.create({ ...common, uuid: u.personId('carol'), properties: {}, distinctIds: ['carol'] });
});
after(async () => {
  await db?.destroy();
  await u?.store.close();
});

/** A funnel stand-in: its actors are those who did the event named by the step, and it remembers the point it got. */
const funnelPoints: unknown[] = [];
const fakeFunnels: InsightKind = {
  plan: byEvent.plan,
  actors: async (query: never, point, ctx) => {
    funnelPoints.push(point);
    return byEvent.actors({ event: (query as { steps: string[] }).steps[(point.funnelStep ?? 1) - 1] } as never, point, ctx);
  },
};

async function actors(query: Record<string, unknown>) {
  const kinds = (k: string) => (k === 'ByEventQuery' ? byEvent : k === 'FunnelsQuery' ? fakeFunnels : undefined);
  const deps = { store: u.store, db, actions: { forProject: async () => new Map() }, kinds };
  const { response } = await queryJob({ kind: 'ActorsQuery', ...query }, project, deps).calculate(new AbortController().signal);
  return response as { results: unknown[][]; columns: string[]; types: string[]; hasMore: boolean; limit: number; offset: number; missing_actors_count: number };
}

const pointOfA = { kind: 'InsightActorsQuery', source: { kind: 'ByEventQuery', event: 'a' }, day: '2024-05-01' };

test('the actors of a point are persons with their distinct ids, most events first; deleted and foreign people never show', async () => {
  const r = await actors({ source: pointOfA });
  assert.deepEqual(r.columns, ['actor']);
  assert.equal(r.results.length, 2);
  const [alice] = r.results[0] as [Record<string, unknown>];
  assert.deepEqual(alice, {
    id: u.personId('alice'),
    uuid: u.personId('alice'),
    // Both ids came with the person (same version), so they list alphabetically.
    distinct_ids: ['alice', 'anon-1'],
    properties: { email: 'alice@x.io', name: 'Alice' },
    created_at: '2024-01-01T00:00:00.000Z',
    is_identified: true,
  });
  assert.equal((r.results[1][0] as { id: string }).id, u.personId('bob'));
  assert.deepEqual([r.hasMore, r.limit, r.offset, r.missing_actors_count], [false, 100, 0, 0]);
});

test('event_count and HogQL columns on the person can be selected', async () => {
  const r = await actors({ source: pointOfA, select: ['event_count', 'properties.email', 'actor'] });
  assert.deepEqual(r.columns, ['event_count', 'properties.email', 'actor']);
  assert.deepEqual(r.results.map((row) => row.slice(0, 2)), [[2, 'alice@x.io'], [1, 'bob@y.io']]);
  assert.equal(r.types[2], 'Tuple(UUID)');
});

test('search matches email or name (any case), an exact distinct id or the person id', async () => {
  const ids = async (search: string) => (await actors({ search })).results.map((row) => (row[0] as { id: string }).id);
  assert.deepEqual(await ids('X.IO'), [u.personId('alice')]);
  assert.deepEqual(await ids('caro'), [u.personId('carol')]);
  assert.deepEqual(await ids('anon-1'), [u.personId('alice')]);
  assert.deepEqual(await ids(u.personId('bob')), [u.personId('bob')]);
  assert.deepEqual(await ids('%'), [], 'LIKE wildcards in the search are plain characters');
});

test('limit and offset page through the actors, with hasMore', async () => {
  const first = await actors({ source: pointOfA, limit: 1 });
  assert.deepEqual([first.results.length, first.hasMore, first.limit], [1, true, 1]);
  assert.equal((first.results[0][0] as { id: string }).id, u.personId('alice'));
  const second = await actors({ source: pointOfA, limit: 1, offset: 1 });
  assert.deepEqual([second.results.length, second.hasMore, second.offset], [1, false, 1]);
  assert.equal((second.results[0][0] as { id: string }).id, u.personId('bob'));
});

test('without a source every live person of the project is listed, newest first, filtered by person properties', async () => {
  const all = await actors({});
  const properties = all.results.map((row) => (row[0] as { properties: object }).properties);
  assert.deepEqual(properties[0], { name: 'Carol' }, 'carol was created last');
  // Alice and Bob were created at the same time: their order is only stable, by id.
  assert.deepEqual(new Set(properties.slice(1)), new Set([{ email: 'alice@x.io', name: 'Alice' }, { email: 'bob@y.io' }]));
  assert.equal(properties.length, 3);
  assert.deepEqual((await actors({})).results, all.results, 'the same page twice');
  const filtered = await actors({ properties: [{ type: 'person', key: 'name', value: 'Carol', operator: 'exact' }] });
  assert.deepEqual(filtered.results.map((row) => (row[0] as { id: string }).id), [u.personId('carol')]);
  const ordered = await actors({ orderBy: ['properties.email DESC'], select: ['properties.email'] });
  assert.deepEqual(ordered.results.map((row) => row[0]), ['bob@y.io', 'alice@x.io', null]);
});

test('a HogQL source names each person once, by its first column', async () => {
  const r = await actors({ source: { kind: 'HogQLQuery', query: 'SELECT person_id, event FROM events WHERE event = {e}', values: { e: 'b' } }, select: ['properties.name'], orderBy: ['properties.name'] });
  assert.deepEqual(r.results, [['Alice'], ['Carol']]);
});

test('a FunnelsActorsQuery hands its step and breakdown to the funnel kind, and opens nothing else', async () => {
  const funnel = { kind: 'FunnelsQuery', steps: ['a', 'b'] };
  const r = await actors({ source: { kind: 'FunnelsActorsQuery', source: funnel, funnelStep: 2, funnelStepBreakdown: ['Chrome'], day: '2024-05-01' } });
  // Every point field is passed on; each kind reads the ones that mean something to it.
  assert.deepEqual(funnelPoints.at(-1), { funnelStep: 2, funnelStepBreakdown: ['Chrome'], day: '2024-05-01' });
  assert.deepEqual(r.results.map((row) => (row[0] as { id: string }).id).sort(), [u.personId('alice'), u.personId('carol')].sort());
  await assert.rejects(actors({ source: { kind: 'FunnelsActorsQuery', source: { kind: 'ByEventQuery', event: 'a' }, funnelStep: 1 } }), /FunnelsQuery/);
});

test('asking for event_count without a source that counts events, or for an unknown insight, is refused', async () => {
  await assert.rejects(actors({ select: ['event_count'] }), /event_count/);
  await assert.rejects(actors({ source: { kind: 'InsightActorsQuery', source: { kind: 'NopeQuery' } } }), /Unsupported insight kind/);
  await assert.rejects(actors({ limit: -1 }), /limit/);
});
