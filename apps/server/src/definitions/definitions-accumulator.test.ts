import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { IdentityEvent } from '../ingest/ingest-record.js';
import { DefinitionsAccumulator, PropertyParent } from './definitions-accumulator.js';

const now = Date.parse('2024-06-01T12:00:00Z');
const event = (name: string, ts: string, extra: Partial<IdentityEvent> = {}): IdentityEvent => ({ t: 1, u: 'u', e: name, d: 'd', ts, ...extra });
const row = (properties: object) => JSON.stringify({ team_id: 1, event: 'x', properties });

test('counts events per name and per day inside the 30-day window, and reads the properties of the first few', () => {
  const acc = new DefinitionsAccumulator({ samplesPerEvent: 2, now: () => now });
  const events = [
    event('$pageview', '2024-06-01T10:00:00.000Z'),
    event('$pageview', '2024-05-31T10:00:00.000Z'),
    event('$pageview', '2024-04-01T10:00:00.000Z'),
    event('signed_up', '2024-06-01T11:00:00.000Z', { t: 2 }),
  ];
  const rows = [row({ $browser: 'Chrome' }), row({ $os: 'Mac' }), row({ never_read: 1 }), row({ plan: 'pro' })];
  acc.observe(events, rows);
  const seen = acc.take();
  const pageview = seen.events.find((e) => e.name === '$pageview')!;
  assert.equal(pageview.count, 3);
  assert.deepEqual([...pageview.days], [['2024-06-01', 1], ['2024-05-31', 1]], 'an event older than 30 days adds no volume');
  assert.deepEqual(seen.properties.map((p) => `${p.teamId}:${p.name}`).sort(), ['1:$browser', '1:$os', '2:plan']);
  assert.deepEqual(seen.eventProperties.map((p) => `${p.event}.${p.property}`).sort(), ['$pageview.$browser', '$pageview.$os', 'signed_up.plan']);
  assert.deepEqual(acc.take().events, [], 'take starts a new window');
});

test('person properties come from $set and $set_once; person updates and group keys are not event properties', () => {
  const acc = new DefinitionsAccumulator({ now: () => now });
  const set = { email: 'a@x.io', age: 31 };
  acc.observe([event('$identify', '2024-06-01T10:00:00Z', { set, once: { first_seen: '2024-06-01T10:00:00Z' } })], [row({ $set: set, $groups: {}, $group_0: 'x', $lib: 'web' })]);
  const seen = acc.take();
  const byType = (type: number) => seen.properties.filter((p) => p.type === type).map((p) => `${p.name}:${p.propertyType}`).sort();
  assert.deepEqual(byType(PropertyParent.event), ['$lib:String']);
  assert.deepEqual(byType(PropertyParent.person), ['age:Numeric', 'email:String', 'first_seen:DateTime']);
});

test('a $groupidentify adds its group properties under the group type, and nothing else', () => {
  const acc = new DefinitionsAccumulator({ now: () => now });
  acc.observe([event('$groupidentify', '2024-06-01T10:00:00Z', { gi: { type: 'company', key: 'acme', set: { seats: 10 } } })], [row({ $group_type: 'company' })]);
  const seen = acc.take();
  assert.deepEqual(seen.properties.map((p) => [p.type, p.groupType, p.name, p.propertyType]), [[PropertyParent.group, 'company', 'seats', 'Numeric']]);
  assert.equal(seen.events[0].name, '$groupidentify');
});

test('the first typed value decides a type; an untyped first value waits for one', () => {
  const acc = new DefinitionsAccumulator({ now: () => now });
  acc.observe([event('a', '2024-06-01T10:00:00Z'), event('a', '2024-06-01T10:00:01Z'), event('a', '2024-06-01T10:00:02Z')], [row({ x: null, y: 1 }), row({ x: true, y: 'text' }), row({ x: 'a' })]);
  const types = Object.fromEntries(acc.take().properties.map((p) => [p.name, p.propertyType]));
  assert.deepEqual(types, { x: 'Boolean', y: 'Numeric' });
});

test('discarded events, over-long names and a full window are left out and counted', () => {
  const acc = new DefinitionsAccumulator({ maxPending: 2, now: () => now });
  const names = ['a', 'b', 'c', 'x'.repeat(201), 'discarded'];
  acc.observe(names.map((n) => event(n, '2024-06-01T10:00:00Z')), names.map(() => row({})), [{}, {}, {}, {}, null]);
  const seen = acc.take();
  assert.deepEqual(seen.events.map((e) => e.name), ['a', 'b']);
  assert.equal(seen.dropped, 1);
});
