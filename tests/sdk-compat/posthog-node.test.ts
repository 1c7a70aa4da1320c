import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { PostHog } from 'posthog-node';
import { api, eventually, hogql } from '../support/api-client.js';
import { spawnWarren, type WarrenProcess } from '../support/spawn-warren.js';

let warren: WarrenProcess;
let client: PostHog;
before(async () => {
  warren = await spawnWarren();
  client = new PostHog(warren.token, { host: warren.url, flushAt: 1, flushInterval: 0, fetchRetryCount: 0 });
});
after(async () => {
  await client?.shutdown();
  await warren?.stop();
});

test('posthog-node capture, identify, alias, groups and person properties arrive as sent', async () => {
  client.capture({ distinctId: 'anon-node-1', event: 'viewed pricing', properties: { plan: 'pro', price: 9.99 } });
  client.capture({ distinctId: 'anon-node-1', event: 'opened app', groups: { company: 'acme' } });
  client.capture({
    distinctId: 'anon-node-1',
    event: 'backfilled',
    timestamp: new Date('2024-05-01T12:00:00.000Z'),
    uuid: '01900000-0000-7000-8000-000000000001',
  });
  client.identify({ distinctId: 'user-node-1', properties: { $set: { email: 'ana@example.com' }, $set_once: { first_plan: 'pro' } } });
  client.alias({ distinctId: 'user-node-1', alias: 'anon-node-1' });
  client.groupIdentify({ groupType: 'company', groupKey: 'acme', properties: { name: 'Acme Inc' } });
  client.capture({ distinctId: 'user-node-1', event: 'upgraded', properties: { $set: { plan: 'team' } } });
  await client.flush();

  const rows = await eventually(async () => {
    const r = await hogql(warren, `select event, distinct_id, properties.plan, person.properties.email, toString(timestamp) from events order by timestamp, event`);
    return r.results.length >= 7 ? r.results : null;
  });
  const byEvent = new Map(rows.map((r) => [r[0], r]));
  assert.equal(byEvent.get('viewed pricing')![2], 'pro');
  // Clock-skew correction shifts a client timestamp by (sent_at - server now): milliseconds on loopback.
  const backfilledAt = Date.parse(String(byEvent.get('backfilled')![4]).replace(' ', 'T') + 'Z');
  assert.ok(Math.abs(backfilledAt - Date.parse('2024-05-01T12:00:00.000Z')) < 2000, String(byEvent.get('backfilled')![4]));
  // After alias the anonymous events belong to the identified person.
  for (const event of ['viewed pricing', 'opened app', 'backfilled', 'upgraded']) {
    assert.equal(byEvent.get(event)![3], 'ana@example.com', `${event} belongs to the identified person`);
  }
  const persons = await hogql(warren, `select count(distinct person_id) from events where distinct_id in ('anon-node-1', 'user-node-1')`);
  assert.equal(Number(persons.results[0][0]), 1);

  const person = await api(warren, 'GET', '/api/projects/1/persons/?distinct_id=anon-node-1');
  assert.equal(person.status, 200);
  assert.equal(person.body.results.length, 1);
  assert.deepEqual([...person.body.results[0].distinct_ids].sort(), ['anon-node-1', 'user-node-1']);
  assert.equal(person.body.results[0].properties.email, 'ana@example.com');
  assert.equal(person.body.results[0].properties.first_plan, 'pro');
  assert.equal(person.body.results[0].properties.plan, 'team');

  const grouped = await hogql(warren, `select properties.$groups.company from events where event = 'opened app'`);
  assert.equal(grouped.results[0][0], 'acme');
});

test('a uuid sent twice (a client retry) is stored once', async () => {
  const uuid = '01900000-0000-7000-8000-0000000000aa';
  client.capture({ distinctId: 'retry-user', event: 'retried', uuid });
  await client.flush();
  client.capture({ distinctId: 'retry-user', event: 'retried', uuid });
  await client.flush();
  await eventually(async () => Number((await hogql(warren, `select count() from events where event = 'retried'`)).results[0][0]) > 0);
  await new Promise((r) => setTimeout(r, 500));
  const r = await hogql(warren, `select count() from events where event = 'retried'`);
  assert.equal(Number(r.results[0][0]), 1);
});
