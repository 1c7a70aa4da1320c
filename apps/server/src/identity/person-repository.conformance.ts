import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PersonRecord, PersonRepository } from './person-repository.js';

/**
 * The behaviour every PersonRepository must have, written once and run against each implementation
 * (SQLite today; PostgreSQL when it lands). `open` returns a fresh, empty repository.
 */
export function personRepositoryConformance(name: string, open: () => Promise<PersonRepository>): void {
  const newPerson = (teamId: number, uuid: string, distinctIds: string[], properties: Record<string, unknown> = {}) => ({
    teamId,
    uuid,
    properties: Object.assign(Object.create(null), properties),
    propertiesLastUpdatedAt: {},
    isIdentified: false,
    createdAt: '2024-05-01T00:00:00.000Z',
    distinctIds,
  });

  test(`${name}: a created person is found by each of its distinct ids and by uuid, only in its project`, async () => {
    const repo = await open();
    const created = await repo.create(newPerson(1, '11111111-1111-4111-8111-111111111111', ['a', 'b'], { email: 'a@x.io' }));
    assert.equal((await repo.findByDistinctId(1, 'a'))?.id, created.id);
    assert.equal((await repo.findByDistinctId(1, 'b'))?.id, created.id);
    assert.equal((await repo.findByUuid(1, created.uuid))?.properties.email, 'a@x.io');
    assert.equal(await repo.findByDistinctId(2, 'a'), null);
    assert.equal(await repo.findByUuid(2, created.uuid), null);
    assert.equal((await repo.findById(1, created.id))?.uuid, created.uuid);
  });

  test(`${name}: update saves properties, identified flag and version`, async () => {
    const repo = await open();
    const p = await repo.create(newPerson(1, '22222222-2222-4222-8222-222222222222', ['c']));
    const changed: PersonRecord = { ...p, properties: Object.assign(Object.create(null), { plan: 'pro' }), isIdentified: true, version: 3 };
    await repo.update(changed);
    const read = await repo.findByDistinctId(1, 'c');
    assert.deepEqual({ ...read!.properties }, { plan: 'pro' });
    assert.equal(read!.isIdentified, true);
    assert.equal(read!.version, 3);
  });

  test(`${name}: distinct ids move between persons and deleting returns the ids the person had`, async () => {
    const repo = await open();
    const from = await repo.create(newPerson(1, '33333333-3333-4333-8333-333333333333', ['d1', 'd2']));
    const to = await repo.create(newPerson(1, '44444444-4444-4444-8444-444444444444', ['e1']));
    assert.deepEqual((await repo.moveDistinctIds(1, from.id, to.id, 5)).sort(), ['d1', 'd2']);
    assert.equal((await repo.findByDistinctId(1, 'd1'))?.id, to.id);
    // Versions are microseconds since the epoch: they need 64 bits.
    await repo.setDistinctId(1, 'f1', to.id, 1_795_674_080_000_000);
    assert.deepEqual((await repo.distinctIdsOf(1, to.id)).sort(), ['d1', 'd2', 'e1', 'f1']);
    assert.deepEqual((await repo.delete(1, to.id)).sort(), ['d1', 'd2', 'e1', 'f1']);
    assert.equal(await repo.findByDistinctId(1, 'e1'), null);
  });

  test(`${name}: list filters by distinct id and searches properties and ids case-insensitively, with paging`, async () => {
    const repo = await open();
    await repo.create(newPerson(1, '55555555-5555-4555-8555-555555555555', ['ana-id'], { email: 'Ana@Example.com' }));
    await repo.create(newPerson(1, '66666666-6666-4666-8666-666666666666', ['bob-id'], { email: 'bob@example.com' }));
    await repo.create(newPerson(2, '77777777-7777-4777-8777-777777777777', ['ana-other-project'], { email: 'ana@example.com' }));
    assert.deepEqual((await repo.list(1, { distinctId: 'bob-id', limit: 10, offset: 0 })).map((p) => p.properties.email), ['bob@example.com']);
    assert.deepEqual((await repo.list(1, { search: 'ANA@', limit: 10, offset: 0 })).map((p) => p.uuid), ['55555555-5555-4555-8555-555555555555']);
    assert.equal((await repo.list(1, { search: 'bob-i', limit: 10, offset: 0 })).length, 1);
    assert.equal((await repo.list(1, { search: '%', limit: 10, offset: 0 })).length, 0, 'LIKE wildcards in a search are literal');
    assert.equal((await repo.list(1, { limit: 1, offset: 1 })).length, 1);
    assert.equal((await repo.list(1, { limit: 10, offset: 0 })).length, 2);
  });
}
