import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api, eventually } from '../support/api-client.js';
import { spawnWarren, type WarrenProcess } from '../support/spawn-warren.js';

/*
 * Event and property definitions filled in by ingestion. Events (project 1), sent through /batch/ at once:
 *   u1  $pageview    {$browser: Chrome, $current_url, load_ms: 120}
 *   u1  $pageview    {$browser: Firefox, load_ms: 95}
 *   u1  purchased    {amount: 19.99, coupon_used: "true", delivery_date: "2024-06-03T10:00:00Z", $time: <now>, cart: {...}}
 *   u1  $identify    {$anon_distinct_id: anon-1, $set: {email, age: 31}, $set_once: {first_visit: <ISO>}}
 */
let warren: WarrenProcess;
const base = '/api/projects/1';
const now = new Date();

before(async () => {
  warren = await spawnWarren();
  const ts = now.toISOString();
  const res = await fetch(`${warren.url}/batch/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      api_key: warren.token,
      batch: [
        { event: '$pageview', distinct_id: 'u1', properties: { $browser: 'Chrome', $current_url: 'https://shop.io/', load_ms: 120 }, timestamp: ts },
        { event: '$pageview', distinct_id: 'u1', properties: { $browser: 'Firefox', load_ms: 95 }, timestamp: ts },
        {
          event: 'purchased',
          distinct_id: 'u1',
          properties: { amount: 19.99, coupon_used: 'true', delivery_date: '2024-06-03T10:00:00Z', $time: now.getTime() / 1000, cart: { items: 2 } },
          timestamp: ts,
        },
        { event: '$identify', distinct_id: 'u1', properties: { $anon_distinct_id: 'anon-1', $set: { email: 'u1@x.io', age: 31 }, $set_once: { first_visit: ts } }, timestamp: ts },
      ],
    }),
  });
  assert.equal(res.status, 200);
});
after(async () => warren?.stop());

const names = (body: { results: { name: string }[] }) => body.results.map((r) => r.name);

test('event definitions list every captured event with its 30-day volume and last seen time', async () => {
  const list = await eventually(async () => {
    const res = await api(warren, 'GET', `${base}/event_definitions/`);
    return res.body.count === 3 ? res.body : null;
  });
  assert.deepEqual([...names(list)].sort(), ['$identify', '$pageview', 'purchased']);
  const pageview = list.results.find((d: { name: string }) => d.name === '$pageview');
  assert.equal(pageview.volume_30_day, 2);
  assert.ok(Date.parse(pageview.last_seen_at) >= now.getTime() - 60_000, 'seen just now');
  assert.ok(pageview.created_at);
  assert.deepEqual([pageview.is_action, pageview.verified, pageview.hidden, pageview.description, pageview.tags], [false, false, false, '', []]);

  assert.deepEqual(names((await api(warren, 'GET', `${base}/event_definitions/?search=purch`)).body), ['purchased']);
  assert.deepEqual(names((await api(warren, 'GET', `${base}/event_definitions/?event_type=event_custom`)).body), ['purchased']);
  assert.deepEqual(names((await api(warren, 'GET', `${base}/event_definitions/?ordering=name`)).body), ['$identify', '$pageview', 'purchased']);
  const excluded = await api(warren, 'GET', `${base}/event_definitions/?excluded_properties=${encodeURIComponent('["$identify"]')}&ordering=-volume_30_day`);
  assert.deepEqual(names(excluded.body), ['$pageview', 'purchased']);
  const paged = await api(warren, 'GET', `${base}/event_definitions/?ordering=name&limit=2`);
  assert.deepEqual([paged.body.count, paged.body.results.length], [3, 2]);
  assert.match(paged.body.next, /limit=2&offset=2/);
  assert.equal((await api(warren, 'GET', `${base}/event_definitions/?ordering=drop_table`)).status, 400);
  assert.equal((await api(warren, 'GET', `${base}/event_definitions/by_name/?name=purchased`)).body.volume_30_day, 1);
});

test('property definitions carry the type first seen: numbers, booleans, dates and $time-like keys', async () => {
  const list = await eventually(async () => {
    const res = await api(warren, 'GET', `${base}/property_definitions/?limit=50`);
    return names(res.body).includes('amount') ? res.body : null;
  });
  const typeOf = Object.fromEntries(list.results.map((d: { name: string; property_type: string | null }) => [d.name, d.property_type]));
  assert.deepEqual(
    { amount: typeOf.amount, coupon_used: typeOf.coupon_used, delivery_date: typeOf.delivery_date, $time: typeOf.$time, $browser: typeOf.$browser, load_ms: typeOf.load_ms, cart: typeOf.cart },
    { amount: 'Numeric', coupon_used: 'Boolean', delivery_date: 'DateTime', $time: 'DateTime', $browser: 'String', load_ms: 'Numeric', cart: null },
  );
  assert.equal(typeOf.$set, undefined, 'person updates are not event properties');
  const amount = list.results.find((d: { name: string }) => d.name === 'amount');
  assert.equal(amount.is_numerical, true);

  const person = await api(warren, 'GET', `${base}/property_definitions/?type=person`);
  assert.deepEqual([...names(person.body)].sort(), ['age', 'email', 'first_visit']);
  assert.equal(person.body.results.find((d: { name: string }) => d.name === 'first_visit').property_type, 'DateTime');

  const numeric = await api(warren, 'GET', `${base}/property_definitions/?is_numerical=true`);
  assert.deepEqual(names(numeric.body), ['amount', 'load_ms']);
  assert.deepEqual(names((await api(warren, 'GET', `${base}/property_definitions/?search=brow`)).body), ['$browser']);
  const onPurchase = await api(warren, 'GET', `${base}/property_definitions/?event_names=${encodeURIComponent('["purchased"]')}&filter_by_event_names=true`);
  // `$ip` is added by the server to every event.
  assert.deepEqual(names(onPurchase.body), ['$ip', '$time', 'amount', 'cart', 'coupon_used', 'delivery_date']);
  assert.ok(onPurchase.body.results.every((d: { is_seen_on_filtered_events: boolean }) => d.is_seen_on_filtered_events));
  const seenFirst = await api(warren, 'GET', `${base}/property_definitions/?event_names=${encodeURIComponent('["$pageview"]')}&excluded_properties=${encodeURIComponent('["$current_url"]')}`);
  assert.deepEqual(names(seenFirst.body).slice(0, 3), ['$browser', '$ip', 'load_ms'], 'properties seen on the events come first');
  assert.equal(seenFirst.body.results[0].is_seen_on_filtered_events, true);
  assert.ok(!names(seenFirst.body).includes('$current_url'));
  assert.equal((await api(warren, 'GET', `${base}/property_definitions/?type=group`)).status, 400, 'a group needs its index');
  const together = await api(warren, 'GET', `${base}/property_definitions/seen_together/?event_names=${encodeURIComponent('["purchased","$pageview"]')}&property_name=amount`);
  assert.deepEqual(together.body, { purchased: true, $pageview: false });
});

test('definitions are described, tagged and verified for free, and deleted with 204', async () => {
  const purchased = (await api(warren, 'GET', `${base}/event_definitions/by_name/?name=purchased`)).body;
  const patched = await api(warren, 'PATCH', `${base}/event_definitions/${purchased.id}/`, { description: 'A completed checkout', tags: ['revenue'], verified: true });
  assert.equal(patched.status, 200, JSON.stringify(patched.body));
  assert.deepEqual([patched.body.description, patched.body.tags, patched.body.verified], ['A completed checkout', ['revenue'], true]);
  assert.equal(patched.body.verified_by.email, 'owner@example.com');
  assert.ok(patched.body.verified_at);
  assert.equal((await api(warren, 'GET', `${base}/event_definitions/${purchased.id}/`)).body.description, 'A completed checkout');
  assert.equal((await api(warren, 'PATCH', `${base}/event_definitions/${purchased.id}/`, { verified: 'yes' })).body.attr, 'verified');

  const amount = (await api(warren, 'GET', `${base}/property_definitions/?properties=amount`)).body.results[0];
  const retyped = await api(warren, 'PATCH', `${base}/property_definitions/${amount.id}/`, { property_type: 'String', description: 'Order total' });
  assert.deepEqual([retyped.body.property_type, retyped.body.is_numerical, retyped.body.description], ['String', false, 'Order total']);
  assert.equal((await api(warren, 'PATCH', `${base}/property_definitions/${amount.id}/`, { property_type: 'Money' })).status, 400);

  const identify = (await api(warren, 'GET', `${base}/event_definitions/by_name/?name=$identify`)).body;
  const del = await api(warren, 'DELETE', `${base}/event_definitions/${identify.id}/`);
  assert.equal(del.status, 204);
  assert.equal((await api(warren, 'GET', `${base}/event_definitions/${identify.id}/`)).status, 404);
  assert.equal((await api(warren, 'GET', `${base}/event_definitions/not-a-uuid/`)).status, 404);
  assert.equal((await api(warren, 'DELETE', `${base}/property_definitions/${amount.id}/`)).status, 204);
});

test('definitions need their scopes and stay inside the project', async () => {
  const anonymous = await fetch(`${warren.url}${base}/event_definitions/`);
  assert.equal(anonymous.status, 401);
  assert.equal((await api(warren, 'GET', '/api/projects/2/event_definitions/')).status, 404);
  assert.equal((await api(warren, 'GET', '/api/environments/1/property_definitions/')).status, 200);
});
