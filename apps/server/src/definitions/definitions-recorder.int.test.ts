import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { sql } from 'kysely';
import pino from 'pino';
import { Registry } from 'prom-client';
import type { IdentityEvent } from '../ingest/ingest-record.js';
import type { MetaDb } from '../storage/meta-schema.js';
import { openPostgresMetaDb, openSqliteMetaDb } from '../storage/open-meta-db.js';
import { DefinitionsRecorder } from './definitions-recorder.js';
import { EventDefinitionRepository } from './event-definition-repository.js';
import { PropertyDefinitionRepository } from './property-definition-repository.js';

// The machine's PostgreSQL (CI starts it), one schema per run, dropped afterwards; and a fresh SQLite file.
const url = process.env.WARREN_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `warren_test_${randomBytes(6).toString('hex')}`;
const dialects: [string, () => Promise<MetaDb>][] = [
  ['SQLite', () => openSqliteMetaDb(fs.mkdtempSync(path.join(os.tmpdir(), 'warren-definitions-')))],
  ['PostgreSQL', () => openPostgresMetaDb(url, { schema, poolSize: 2 })],
];
const opened: MetaDb[] = [];

after(async () => {
  if (opened[1]) await sql.raw(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).execute(opened[1]);
  for (const db of opened) await db.destroy();
});

const clock = { now: Date.parse('2024-06-01T12:00:00Z') };
const ev = (t: number, e: string, ts: string, extra: Partial<IdentityEvent> = {}): IdentityEvent => ({ t, u: 'u', e, d: 'd', ts, ...extra });
const row = (properties: object) => JSON.stringify({ properties });

function setUp(db: MetaDb, options = {}) {
  const events = new EventDefinitionRepository(db, () => clock.now);
  const properties = new PropertyDefinitionRepository(db, () => clock.now);
  const registry = new Registry();
  const recorder = new DefinitionsRecorder(events, properties, registry, pino({ level: 'silent' }), { now: () => clock.now, ...options });
  return { events, properties, recorder, registry };
}

for (const [name, open] of dialects) {
  test(`${name}: flushed events become event definitions with 30-day volume and last seen, and property definitions with types`, async () => {
    clock.now = Date.parse('2024-06-01T12:00:00Z');
    const db = await open();
    opened.push(db);
    const { events, properties, recorder } = setUp(db);
    recorder.observe(
      [ev(1, '$pageview', '2024-06-01T10:00:00Z'), ev(1, '$pageview', '2024-05-20T10:00:00Z'), ev(1, 'signed_up', '2024-06-01T11:00:00Z', { set: { email: 'a@x.io' } }), ev(2, 'other_project', '2024-06-01T11:00:00Z')],
      [row({ $browser: 'Chrome', duration: 3.5 }), row({ $browser: 'Firefox' }), row({ plan: 'pro', paid: true, trial_ends: '2024-07-01' }), row({ secret: 1 })],
    );
    await recorder.write();
    clock.now += 60_000;
    recorder.observe([ev(1, '$pageview', '2024-06-01T10:05:00Z')], [row({ $browser: 'Safari' })]);
    await recorder.write();

    const list = await events.list(1, { limit: 10, offset: 0 });
    assert.deepEqual(list.definitions.map((d) => [d.name, d.volume30Day]), [['$pageview', 3], ['signed_up', 1]]);
    const pageview = list.definitions[0];
    assert.equal(pageview.lastSeenAt, '2024-06-01T12:01:00.000Z');
    assert.equal(pageview.createdAt, '2024-06-01T12:00:00.000Z');
    assert.deepEqual((await events.list(2, { limit: 10, offset: 0 })).definitions.map((d) => d.name), ['other_project']);
    assert.deepEqual((await events.list(1, { search: 'SIGNED', limit: 10, offset: 0 })).definitions.map((d) => d.name), ['signed_up']);
    assert.deepEqual((await events.list(1, { eventType: 'event_custom', limit: 10, offset: 0 })).definitions.map((d) => d.name), ['signed_up']);
    assert.deepEqual((await events.list(1, { ordering: '-name', limit: 10, offset: 0 })).definitions.map((d) => d.name), ['signed_up', '$pageview']);

    const eventProps = await properties.list(1, { type: 1, limit: 10, offset: 0 });
    assert.deepEqual(eventProps.definitions.map((d) => [d.name, d.propertyType]), [['$browser', 'String'], ['duration', 'Numeric'], ['paid', 'Boolean'], ['plan', 'String'], ['trial_ends', 'DateTime']]);
    assert.deepEqual((await properties.list(1, { type: 2, limit: 10, offset: 0 })).definitions.map((d) => d.name), ['email']);
    assert.deepEqual((await properties.list(1, { type: 1, isNumerical: true, limit: 10, offset: 0 })).definitions.map((d) => d.name), ['duration']);
    const onSignup = await properties.list(1, { type: 1, eventNames: ['signed_up'], onlySeenOnEvents: true, limit: 10, offset: 0 });
    assert.deepEqual(onSignup.definitions.map((d) => [d.name, d.seenOnFilteredEvents]), [['paid', true], ['plan', true], ['trial_ends', true]]);
    const seenFirst = await properties.list(1, { type: 1, eventNames: ['signed_up'], excludedNames: ['paid'], limit: 10, offset: 0 });
    assert.deepEqual(seenFirst.definitions.map((d) => d.name), ['plan', 'trial_ends', '$browser', 'duration']);
    assert.deepEqual(await properties.seenTogether(1, ['signed_up', '$pageview'], 'plan'), { signed_up: true, $pageview: false });
  });

  test(`${name}: a project's names are bounded; the rest are dropped and counted`, async () => {
    const db = opened[opened.length - 1];
    const { events, properties, recorder, registry } = setUp(db, { maxNamesPerProject: 3 });
    const names = ['a', 'b', 'c', 'd', 'e'];
    recorder.observe(names.map((n) => ev(7, n, '2024-06-01T10:00:00Z')), names.map((n) => row({ [`p_${n}`]: 1 })));
    await recorder.write();
    assert.equal((await events.list(7, { limit: 10, offset: 0 })).count, 3);
    assert.equal((await properties.list(7, { type: 1, limit: 10, offset: 0 })).count, 3);
    recorder.observe([ev(7, 'a', '2024-06-01T10:00:00Z')], [row({})]);
    await recorder.write();
    assert.equal((await events.getByName(7, 'a'))?.volume30Day, 2, 'names already stored keep counting');
    const metric = await registry.getSingleMetricAsString('warren_definitions_dropped_total');
    assert.match(metric, /reason="event_names"} 2/);
    assert.match(metric, /reason="property_names"} 2/);
  });
}

for (const [name] of dialects) {
  test(`${name}: definitions are described, verified, retyped and deleted; a deleted event definition returns when seen again`, async () => {
    const db = name === 'SQLite' ? opened[0] : opened[1];
    const { events, properties, recorder } = setUp(db, { knownTtlMs: 0 });
    recorder.observe([ev(9, 'bought', '2024-06-01T10:00:00Z')], [row({ amount: '12' })]);
    await recorder.write();
    const bought = (await events.getByName(9, 'bought'))!;
    const changed = await events.update(9, bought.id, { description: 'A purchase', tags: ['revenue'], owner: null, verified: true, verifiedAt: '2024-06-01T12:00:00Z', verifiedBy: null, hidden: false, updatedBy: null });
    assert.deepEqual([changed.description, changed.tags, changed.verified, changed.volume30Day], ['A purchase', ['revenue'], true, 1]);
    const amount = (await properties.list(9, { type: 1, limit: 10, offset: 0 })).definitions[0];
    assert.equal(amount.propertyType, 'String');
    const retyped = await properties.update(9, amount.id, { description: '', tags: [], propertyType: 'Numeric', verified: false, verifiedAt: null, verifiedBy: null, hidden: true, updatedBy: null });
    assert.deepEqual([retyped.propertyType, retyped.hidden], ['Numeric', true]);
    assert.equal((await properties.list(9, { type: 1, excludeHidden: true, limit: 10, offset: 0 })).count, 0);

    await events.delete(9, bought.id);
    assert.equal(await events.get(9, bought.id), null);
    recorder.observe([ev(9, 'bought', '2024-06-01T10:01:00Z')], [row({ amount: 3 })]);
    await recorder.write();
    const back = (await events.getByName(9, 'bought'))!;
    assert.deepEqual([back.description, back.volume30Day], ['', 2], 'a new definition; the daily counts were kept');
    assert.equal((await properties.get(9, amount.id))?.propertyType, 'Numeric', 'a stored type is not overwritten by ingestion');
  });
}

for (const [name] of dialects) {
  test(`${name}: group properties are stored under their group type's index; a type without an index is skipped until seen again`, async () => {
    const db = name === 'SQLite' ? opened[0] : opened[1];
    const { properties, recorder } = setUp(db);
    await db.insertInto('group_type_mappings').values({ team_id: 11, group_type: 'company', group_type_index: 1 }).execute();
    recorder.observe(
      [ev(11, '$groupidentify', '2024-06-01T10:00:00Z', { gi: { type: 'company', key: 'acme', set: { seats: 10, industry: 'retail' } } }), ev(11, '$groupidentify', '2024-06-01T10:00:00Z', { gi: { type: 'team', key: 't', set: { size: 3 } } })],
      [row({}), row({})],
    );
    await recorder.write();
    const company = await properties.list(11, { type: 3, groupTypeIndex: 1, limit: 10, offset: 0 });
    assert.deepEqual(company.definitions.map((d) => [d.name, d.propertyType, d.groupTypeIndex]), [['industry', 'String', 1], ['seats', 'Numeric', 1]]);
    assert.equal((await properties.list(11, { type: 3, groupTypeIndex: 0, limit: 10, offset: 0 })).count, 0);
    assert.equal((await properties.list(11, { type: 1, limit: 10, offset: 0 })).count, 0, 'a $groupidentify has no event properties');
  });
}
