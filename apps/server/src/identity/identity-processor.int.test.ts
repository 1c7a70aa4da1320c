import assert from 'node:assert/strict';
import { test } from 'node:test';
import { personUuidFor } from './person-uuid.js';
import { identityEvent as ev, openIdentityProcessor as setup } from './test-support/identity-events.js';

test('the seed flow: anonymous browser id, identify as the session uuid, then alias to the numeric user id -> one person', async () => {
  const { persons, processor } = await setup();
  await processor.process([
    ev('$pageview', 'anon-browser', { $process_person_profile: false }),
    ev('$identify', 'session-uuid', { $anon_distinct_id: 'anon-browser', $set: { email: 'ana@example.com' } }),
    ev('$create_alias', 'session-uuid', { alias: 42 }),
    ev('User Signed Up', '42'),
  ]);
  const person = await persons.findByDistinctId(1, '42');
  assert.ok(person);
  assert.equal(person.properties.email, 'ana@example.com');
  assert.equal(person.isIdentified, true);
  assert.deepEqual((await persons.distinctIdsOf(1, person.id)).sort(), ['42', 'anon-browser', 'session-uuid']);
});

test('events keep their ingestion-time person id and merges emit overrides that remap the old ids', async () => {
  const { processor } = await setup();
  const first = await processor.process([ev('$pageview', 'anon-1')]);
  assert.equal(first.events[0]!.personId, personUuidFor(1, 'anon-1'));
  const second = await processor.process([ev('login', 'user-1'), ev('$identify', 'user-1', { $anon_distinct_id: 'anon-1' })]);
  const target = second.events[0]!.personId;
  assert.ok(second.overrides.some((o) => o.distinct_id === 'anon-1' && o.person_id === target));
  assert.ok(second.persons.some((p) => p.id === personUuidFor(1, 'anon-1') && p.is_deleted === 1));
});

test('merging two identified persons is refused with cannot_merge_already_identified', async () => {
  const { persons, processor } = await setup();
  const out = await processor.process([
    ev('$identify', 'a', { $anon_distinct_id: 'anon-a' }),
    ev('$identify', 'b', { $anon_distinct_id: 'anon-b' }),
    ev('$create_alias', 'a', { alias: 'b' }),
  ]);
  assert.ok(out.warnings.some((w) => w.type === 'cannot_merge_already_identified'));
  const a = await persons.findByDistinctId(1, 'a');
  const b = await persons.findByDistinctId(1, 'b');
  assert.notEqual(a!.id, b!.id);
});

test('$merge_dangerously merges even identified persons', async () => {
  const { persons, processor } = await setup();
  await processor.process([
    ev('$identify', 'a', { $anon_distinct_id: 'anon-a' }),
    ev('$identify', 'b', { $anon_distinct_id: 'anon-b' }),
    ev('$merge_dangerously', 'a', { alias: 'b' }),
  ]);
  assert.equal((await persons.findByDistinctId(1, 'a'))!.id, (await persons.findByDistinctId(1, 'b'))!.id);
});

test('illegal distinct ids are never merged and raise cannot_merge_with_illegal_distinct_id', async () => {
  const { persons, processor } = await setup();
  const out = await processor.process([ev('$identify', 'user-9', { $anon_distinct_id: 'undefined' }), ev('$create_alias', 'user-9', { alias: 'null' })]);
  assert.equal(out.warnings.filter((w) => w.type === 'cannot_merge_with_illegal_distinct_id').length, 2);
  assert.equal(await persons.findByDistinctId(1, 'undefined'), null);
});

test('$set last write by event time wins, $set_once fills only absent keys, $unset removes', async () => {
  const { persons, processor } = await setup();
  await processor.process([
    ev('e', 'p', { $set: { plan: 'pro' }, $set_once: { first: 'x' } }, '2024-05-02T00:00:00.000Z'),
    ev('e', 'p', { $set: { plan: 'free' }, $set_once: { first: 'y' } }, '2024-05-01T00:00:00.000Z'),
    ev('e', 'p', { $set: { tmp: 1 } }, '2024-05-03T00:00:00.000Z'),
    ev('e', 'p', { $unset: ['tmp'] }, '2024-05-04T00:00:00.000Z'),
  ]);
  const p = await persons.findByDistinctId(1, 'p');
  assert.deepEqual({ ...p!.properties }, { plan: 'pro', first: 'x' });
});

test('person properties named like a plain object\'s built-ins (constructor, toString, __proto__) are kept like any other', async () => {
  const { persons, processor } = await setup();
  const set = JSON.parse('{"constructor": "c", "toString": "t", "valueOf": "v", "hasOwnProperty": "h", "__proto__": {"x": 1}, "plan": "pro"}');
  await processor.process([
    ev('e', 'new-person', { $set: set }),
    ev('e', 'new-person', { $set: { toString: 't2' } }, '2024-05-02T00:00:00.000Z'),
    ev('e', 'other-person', { $set_once: { valueOf: 'once' } }),
    ev('e', 'other-person', { $unset: ['constructor'] }, '2024-05-02T00:00:00.000Z'),
  ]);
  const stored = await persons.findByDistinctId(1, 'new-person');
  assert.deepEqual(JSON.parse(JSON.stringify(stored!.properties)), { ...JSON.parse(JSON.stringify(set)), toString: 't2' });
  assert.equal(Object.getPrototypeOf(stored!.properties), null);
  assert.deepEqual({ ...(await persons.findByDistinctId(1, 'other-person'))!.properties }, { valueOf: 'once' });
});

test('an event whose values break the identity step keeps its own person, with a warning; the others go on', async () => {
  const { persons, processor } = await setup();
  const broken = { ...ev('e', 'broken', { $set: { a: 1 } }), unset: 5 as unknown as string[] };
  const out = await processor.process([ev('e', 'before', { $set: { plan: 'pro' } }), broken, ev('e', 'after', { $set: { plan: 'free' } })]);
  assert.equal(out.events[1]!.personId, personUuidFor(1, 'broken'));
  assert.ok(out.warnings.some((w) => w.type === 'identity_step_failed' && JSON.parse(w.details).eventUuid === broken.u));
  assert.equal((await persons.findByDistinctId(1, 'before'))!.properties.plan, 'pro');
  assert.equal((await persons.findByDistinctId(1, 'after'))!.properties.plan, 'free');
});

test('personless events create no person but get the stable id that person would have', async () => {
  const { persons, processor } = await setup();
  const out = await processor.process([ev('$pageview', 'anon-x', { $process_person_profile: false, $set: { a: 1 } })]);
  assert.equal(await persons.findByDistinctId(1, 'anon-x'), null);
  assert.equal(out.events[0]!.personId, personUuidFor(1, 'anon-x'));
});

test('$groupidentify creates group types in order of appearance and events carry $group_N', async () => {
  const { processor } = await setup();
  const out = await processor.process([
    ev('$groupidentify', '$company_acme', { $group_type: 'company', $group_key: 'acme', $group_set: { name: 'Acme' } }),
    ev('$pageview', 'u', { $groups: { company: 'acme', team: 't1' } }),
    ev('$groupidentify', 'x', { $group_type: 'company', $group_key: 'acme', $group_set: 'not an object' }),
  ]);
  assert.equal(out.groups.length, 1);
  assert.equal(JSON.parse(out.groups[0].group_properties).name, 'Acme');
  const pageview = out.events[1]!;
  assert.deepEqual(pageview.groupColumns, ['acme', 't1', '', '', '']);
  assert.equal(out.events[2], null, 'the malformed $groupidentify is discarded');
  assert.ok(out.warnings.some((w) => w.type === 'invalid_group_set'));
});

test('events of a person already cached (no waits) are applied as the first one was: $set, $identify, personless', async () => {
  const { persons, processor } = await setup();
  await processor.process([ev('e', 'known')]);
  // A later chunk: 'known' is cached now, and every one of these takes the path without waits.
  const out = await processor.process([
    ev('e', 'known', { $set: { plan: 'pro' } }, '2024-05-02T00:00:00.000Z'),
    ev('$identify', 'known'),
    ev('$pageview', 'known', { $process_person_profile: false }),
    ev('e', 'fresh'),
  ]);
  const known = await persons.findByDistinctId(1, 'known');
  assert.deepEqual({ ...known!.properties }, { plan: 'pro' });
  assert.equal(known!.isIdentified, true, 'the identify was written');
  assert.deepEqual(
    out.events.map((e) => e!.personId),
    [known!.uuid, known!.uuid, known!.uuid, personUuidFor(1, 'fresh')],
  );
  assert.ok(await persons.findByDistinctId(1, 'fresh'), 'an id the cache does not know still gets its person');
});
