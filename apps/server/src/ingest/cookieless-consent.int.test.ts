import assert from 'node:assert/strict';
import { test } from 'node:test';
import { personUuidFor } from '../identity/person-uuid.js';
import { identityEvent, openIdentityProcessor as setup } from '../identity/test-support/identity-events.js';
import { CONSENT_LINK_PROPERTY } from './cookieless.js';
import type { IdentityEvent } from './ingest-record.js';
import type { JsonObject } from './types.js';

/*
 * The identity step over a visit that began cookieless and went on after consent (ids as cookieless.ts and
 * posthog-js make them): the cookieless id `cookieless_X`, the new random id `fresh` of the `$opt_in`, and later a
 * login as `user-1`, a person identified before.
 */
let second = 0;
/** Each event a second after the one before. */
function ev(event: string, distinctId: string, properties: JsonObject = {}): IdentityEvent {
  second += 1;
  return identityEvent(event, distinctId, properties, `2024-05-01T12:00:${String(second).padStart(2, '0')}.000Z`);
}

// posthog-js's default `person_profiles: 'identified_only'` sends anonymous events without a person profile.
const ANON = { $process_person_profile: false };
const optIn = () => ev('$opt_in', 'fresh', { ...ANON, [CONSENT_LINK_PROPERTY]: 'cookieless_X' });

test('the cookieless visits and the consented id are one anonymous person, which a later login merges as any anonymous visitor', async () => {
  const { persons, processor } = await setup();
  await processor.process([ev('login', 'user-1', { $set: { email: 'u1@example.com' } }), ev('$identify', 'user-1', { $anon_distinct_id: 'old-browser' })]);
  const cookieless = await processor.process([ev('$pageview', 'cookieless_X', ANON), ev('$pageview', 'cookieless_X', ANON)]);
  const consented = await processor.process([optIn(), ev('$pageview', 'fresh', ANON)]);
  const visitor = await persons.findByDistinctId(1, 'fresh');
  assert.ok(visitor);
  assert.deepEqual((await persons.distinctIdsOf(1, visitor.id)).sort(), ['cookieless_X', 'fresh']);
  assert.equal(visitor.isIdentified, false, 'consent names nobody');
  // The cookieless events were stored person-less (under their id's own person id); the link remaps that id.
  assert.equal(cookieless.events[0]!.personId, personUuidFor(1, 'cookieless_X'));
  assert.equal(consented.events[1]!.personId, visitor.uuid);
  assert.ok(consented.overrides.some((o) => o.distinct_id === 'cookieless_X' && o.person_id === visitor.uuid));

  await processor.process([ev('$identify', 'user-1', { $anon_distinct_id: 'fresh' })]);
  const user = await persons.findByDistinctId(1, 'user-1');
  assert.ok(user);
  assert.deepEqual((await persons.distinctIdsOf(1, user.id)).sort(), ['cookieless_X', 'fresh', 'old-browser', 'user-1']);
  assert.equal(user.properties.email, 'u1@example.com');
});

test('an opt-in that arrives before the cookieless events (they were still queued) links them all the same', async () => {
  const { persons, processor } = await setup();
  await processor.process([optIn()]);
  const made = await persons.findByDistinctId(1, 'fresh');
  assert.ok(made);
  assert.equal(made.isIdentified, false, 'the person made for the link stays anonymous');
  await processor.process([ev('$pageview', 'cookieless_X', ANON)]);
  assert.equal((await persons.findByDistinctId(1, 'cookieless_X'))?.id, made.id);
});

test('merges keep marking persons identified as before', async () => {
  const { persons, processor } = await setup();
  await processor.process([ev('$identify', 'user-2', { $anon_distinct_id: 'anon-2' })]);
  assert.equal((await persons.findByDistinctId(1, 'anon-2'))?.isIdentified, true);
});
