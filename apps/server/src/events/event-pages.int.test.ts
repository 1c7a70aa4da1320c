import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ChdbEventStore } from '../storage/chdb-event-store.js';
import { readEventPages } from './event-pages.js';
import type { EventFilters, EventRow } from './event-query.js';

/*
 * 250 events of project 1 in five bursts of 50 sharing one microsecond timestamp (so pages end inside a burst),
 * every 10th a `purchase` with plan pro; one event of project 2 at the same time. Far from them, for the time
 * windows to cross empty years: 3 `early` events in 2020 and 3 `late` events in 2028.
 */
let store: ChdbEventStore;
const all: EventFilters = { after: new Date('2024-05-01T00:00:00Z'), before: new Date('2024-05-02T00:00:00Z') };

before(async () => {
  store = new ChdbEventStore(fs.mkdtempSync(path.join(os.tmpdir(), 'event-pages-')));
  await store.migrate();
  await store.command(`INSERT INTO events (team_id, uuid, event, distinct_id, person_id, timestamp, created_at, properties, elements_chain)
    SELECT 1, generateUUIDv4(), if(number % 10 = 0, 'purchase', '$pageview'), concat('u', toString(number % 7)),
      generateUUIDv4(), toDateTime64('2024-05-01 10:00:00', 6, 'UTC') + toIntervalMicrosecond(intDiv(number, 50) * 1000 + 123),
      now64(6), if(number % 10 = 0, '{"plan":"pro","n":' || toString(number) || '}', '{"n":' || toString(number) || '}'), ''
    FROM numbers(250)`);
  await store.command(`INSERT INTO events (team_id, uuid, event, distinct_id, person_id, timestamp, created_at, properties, elements_chain)
    VALUES (2, generateUUIDv4(), 'purchase', 'other', generateUUIDv4(), '2024-05-01 10:00:00.000123', now64(6), '{"plan":"pro"}', '')`);
  await store.command(`INSERT INTO events (team_id, uuid, event, distinct_id, person_id, timestamp, created_at, properties, elements_chain)
    SELECT 1, generateUUIDv4(), if(number < 3, 'early', 'late'), 'far', generateUUIDv4(),
      if(number < 3, toDateTime64('2020-01-01 00:00:00', 6, 'UTC') + toIntervalDay(number), toDateTime64('2028-06-01 00:00:00.999999', 6, 'UTC') + toIntervalHour(number)),
      now64(6), '{}', '' FROM numbers(6)`);
});
after(async () => store?.close());

async function collect(filters: EventFilters, order: 'asc' | 'desc', pageSize: number, limit?: number, windowed = false): Promise<{ rows: EventRow[]; pages: number }> {
  const rows: EventRow[] = [];
  let pages = 0;
  for await (const page of readEventPages(store, 1, filters, { order, pageSize, limit, windowed })) {
    if (pages > 0) assert.equal(rows.length, pages * pageSize, 'every page but the last is full');
    rows.push(...page);
    pages++;
  }
  return { rows, pages };
}

test('keyset pages return every event of the project exactly once, in (timestamp, uuid) order, across equal timestamps', async () => {
  const { rows, pages } = await collect(all, 'asc', 33);
  assert.equal(rows.length, 250);
  assert.equal(pages, 8);
  assert.equal(new Set(rows.map((r) => r.uuid)).size, 250);
  assert.equal(new Set(rows.map((r) => JSON.parse(r.properties).n)).size, 250);
  for (let i = 1; i < rows.length; i++) assert.ok(rows[i - 1].timestamp <= rows[i].timestamp);
  assert.equal(rows[0].timestamp, '2024-05-01 10:00:00.000123');

  const desc = await collect(all, 'desc', 40);
  assert.deepEqual(desc.rows.map((r) => r.uuid), rows.map((r) => r.uuid).reverse());
});

test('a limit stops the pages, and filters on event and properties apply', async () => {
  assert.equal((await collect(all, 'desc', 40, 55)).rows.length, 55);
  const purchases = await collect({ ...all, event: 'purchase' }, 'asc', 7);
  assert.equal(purchases.rows.length, 25);
  const pro = await collect({ ...all, properties: [{ key: 'plan', value: 'pro', operator: 'exact', type: 'event' }] }, 'asc', 100);
  assert.deepEqual(pro.rows.map((r) => r.uuid), purchases.rows.map((r) => r.uuid));
  const window = await collect({ after: new Date('2024-05-01T10:00:00.002Z'), before: new Date('2024-05-01T10:00:00.004Z') }, 'asc', 1000);
  assert.equal(window.rows.length, 100);
});

test('time windows cross empty years and dense bursts and still give every event once, in order, in full pages', async () => {
  const everything: EventFilters = { after: new Date(0), before: new Date('2030-01-01T00:00:00Z') };
  const plain = await collect(everything, 'asc', 1000);
  assert.equal(plain.rows.length, 256);
  for (const [order, pageSize] of [['asc', 33], ['desc', 33], ['asc', 7], ['desc', 1000]] as const) {
    const { rows } = await collect(everything, order, pageSize, undefined, true);
    const expected = order === 'asc' ? plain.rows : [...plain.rows].reverse();
    assert.deepEqual(rows.map((r) => r.uuid), expected.map((r) => r.uuid), `${order} by ${pageSize}`);
  }
  const newest = await collect(everything, 'desc', 2, 4, true);
  // The fourth newest is the last burst's event with the greatest uuid: a purchase or a pageview, by chance.
  assert.deepEqual(newest.rows.map((r) => r.uuid), plain.rows.slice(-4).reverse().map((r) => r.uuid));
  assert.deepEqual(newest.rows.slice(0, 3).map((r) => r.event), ['late', 'late', 'late']);
  assert.equal(newest.rows[0].timestamp, '2028-06-01 05:00:00.999999');
});
