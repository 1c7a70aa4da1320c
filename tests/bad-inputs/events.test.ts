/**
 * bad-inputs.md cases 23, 24 and 30-45: well-formed requests carrying bad events. A batch answers 200 and drops bad
 * events one by one with an ingestion warning; a request whose every event is bad answers 400 with the drop reason.
 * Case 46 (hot keys, quotas) does not apply: Warren has no quotas or overflow routing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { v7 as uuidV7 } from 'uuid';
import { api, eventually, hogql } from '../support/api-client.js';
import {
  assertCaptureError,
  assertStillServing,
  countAfterSentinel,
  postBatch,
  postSingleEvent,
  storedTimeMs,
  uniqueName,
  waitForEvents,
  waitForWarning,
} from '../support/capture-client.js';
import { spawnWarren, type WarrenProcess } from '../support/spawn-warren.js';

const HOUR_MS = 3_600_000;

let warren: WarrenProcess;
before(async () => {
  warren = await spawnWarren();
});
after(async () => {
  await warren?.stop();
});

/**
 * Posts a batch of good events around one bad one; asserts 200, that the good ones are stored, and returns the
 * sentinel to count the bad one with. `bad` gets the test's event name unless it sets its own.
 */
async function batchWithOneBadEvent(event: string, bad: Record<string, unknown>): Promise<string> {
  const res = await postBatch(warren, [
    { event, distinct_id: 'good-user', properties: { good: 1 } },
    { event, distinct_id: 'bad-user', ...bad },
    { event, distinct_id: 'good-user', properties: { good: 2 } },
  ]);
  assert.equal(res.status, 200, `a batch with one bad event answers 200: ${res.text.slice(0, 300)}`);
  const rows = await waitForEvents(warren, event, 'properties.good', 2);
  assert.deepEqual(rows.map((r) => Number(r[0])).sort(), [1, 2], 'both good events are stored');
  return assertStillServing(warren);
}

/** Stored time of the one event with this name, as epoch ms. */
async function storedTime(event: string): Promise<number> {
  const rows = await waitForEvents(warren, event, 'toString(timestamp)');
  return storedTimeMs(rows[0][0]);
}

function assertNear(actualMs: number, expectedMs: number, toleranceMs: number, what: string): void {
  assert.ok(
    Math.abs(actualMs - expectedMs) <= toleranceMs,
    `${what}: stored ${new Date(actualMs).toISOString()}, expected ${new Date(expectedMs).toISOString()} ± ${toleranceMs} ms`,
  );
}

describe('oversized events (cases 23, 24)', { concurrency: true }, () => {
  test('an event with 20,000 properties is dropped with too_many_properties; the rest of its batch is stored', async () => {
    const event = uniqueName('key-flood');
    const uuid = uuidV7();
    const properties: Record<string, number> = {};
    for (let i = 0; i < 20_000; i++) properties[`k${i}`] = i;
    const sentinel = await batchWithOneBadEvent(event, { uuid, properties });
    assert.equal(await countAfterSentinel(warren, event, sentinel), 2, 'only the good events are stored');
    await waitForWarning(warren, 'too_many_properties', (d) => d.uuid === uuid);
  });

  test('an event with a 10 MB string property is dropped with message_size_too_large; the rest of its batch is stored', async () => {
    const event = uniqueName('huge-property');
    const uuid = uuidV7();
    const sentinel = await batchWithOneBadEvent(event, { uuid, properties: { blob: 'x'.repeat(10 * 1024 * 1024) } });
    assert.equal(await countAfterSentinel(warren, event, sentinel), 2);
    const warning = await waitForWarning(warren, 'message_size_too_large', (d) => d.uuid === uuid);
    assert.ok(JSON.stringify(warning).length < 10_000, 'the warning does not carry the payload');
  });

  test('a single event over 1 MB answers 400 message_size_too_large', async () => {
    const event = uniqueName('huge-single');
    const res = await postSingleEvent(warren, { event, distinct_id: 'u', properties: { blob: 'x'.repeat(2 * 1024 * 1024) } });
    assertCaptureError(res, 400, 'message_size_too_large');
    const sentinel = await assertStillServing(warren);
    assert.equal(await countAfterSentinel(warren, event, sentinel), 0);
  });
});

describe('event name and distinct id (cases 30-34)', { concurrency: true }, () => {
  test('a single event without a name, or with an empty one, answers 400 missing_event_name', async () => {
    for (const name of [undefined, '', null, 42]) {
      const res = await postSingleEvent(warren, { event: name, distinct_id: 'u' });
      assertCaptureError(res, 400, 'missing_event_name');
    }
    await assertStillServing(warren);
  });

  test('an event without a name inside a batch is dropped with a missing_event_name warning', async () => {
    const event = uniqueName('nameless');
    const uuid = uuidV7();
    const sentinel = await batchWithOneBadEvent(event, { event: '', uuid });
    assert.equal(await countAfterSentinel(warren, event, sentinel), 2);
    await waitForWarning(warren, 'missing_event_name', (d) => d.uuid === uuid);
  });

  test('a single event whose distinct_id is missing, null or empty answers 400 missing_distinct_id', async () => {
    const event = uniqueName('no-distinct-id');
    for (const distinctId of [undefined, null, '']) {
      const res = await postSingleEvent(warren, { event, distinct_id: distinctId });
      assertCaptureError(res, 400, 'missing_distinct_id');
    }
    const sentinel = await assertStillServing(warren);
    assert.equal(await countAfterSentinel(warren, event, sentinel), 0);
  });

  test('an event without a distinct_id inside a batch is dropped with a missing_distinct_id warning', async () => {
    const event = uniqueName('anonymous-in-batch');
    const uuid = uuidV7();
    const sentinel = await batchWithOneBadEvent(event, { uuid, distinct_id: null });
    assert.equal(await countAfterSentinel(warren, event, sentinel), 2);
    await waitForWarning(warren, 'missing_distinct_id', (d) => d.uuid === uuid && d.event === event);
  });

  test('distinct_id is also read from properties.distinct_id', async () => {
    const event = uniqueName('distinct-in-properties');
    const res = await postBatch(warren, [{ event, properties: { distinct_id: 'from-properties' } }]);
    assert.equal(res.status, 200, res.text);
    const rows = await waitForEvents(warren, event, 'distinct_id');
    assert.equal(rows[0][0], 'from-properties');
  });

  test('a numeric, boolean or object distinct_id is stringified', async () => {
    const event = uniqueName('typed-distinct-id');
    const res = await postBatch(warren, [
      { event, distinct_id: 12345, properties: { kind: 'number' } },
      { event, distinct_id: true, properties: { kind: 'bool' } },
      { event, distinct_id: { a: 1 }, properties: { kind: 'object' } },
    ]);
    assert.equal(res.status, 200, res.text);
    const rows = await waitForEvents(warren, event, 'properties.kind, distinct_id', 3);
    assert.deepEqual(Object.fromEntries(rows), { number: '12345', bool: 'true', object: '{"a":1}' });
  });

  test('a 300-character distinct_id is truncated to 200 with a distinct_id_truncated warning', async () => {
    const event = uniqueName('long-distinct-id');
    const long = `${event}-`.padEnd(300, 'x');
    const res = await postBatch(warren, [{ event, distinct_id: long }]);
    assert.equal(res.status, 200, res.text);
    const rows = await waitForEvents(warren, event, 'distinct_id');
    assert.equal(rows[0][0], long.slice(0, 200));
    await waitForWarning(warren, 'distinct_id_truncated', (d) => d.originalLength === 300 && d.keptChars === 200);
  });

  test('$identify with an illegal distinct id is stored but merges nothing (cannot_merge_with_illegal_distinct_id)', async () => {
    const event = '$identify';
    const run = uniqueName('illegal');
    const illegal = ['anonymous', 'Guest', 'null', 'undefined', 'NaN', '[object Object]', '0', '"None"', 'distinct_id', 'email', 'TRUE'];
    const cases = illegal.map((anon, i) => ({ user: `${run}-user-${i}`, anon, uuid: uuidV7() }));
    const res = await postBatch(
      warren,
      cases.map((c) => ({ event, uuid: c.uuid, distinct_id: c.user, properties: { $anon_distinct_id: c.anon, run } })),
    );
    assert.equal(res.status, 200, res.text);
    // And the other way round: an identified-looking anonymous id merged into an illegal target.
    const anonymous = `${run}-anon`;
    const reverseUuid = uuidV7();
    assert.equal((await postBatch(warren, [{ event: `${run}-pageview`, distinct_id: anonymous }])).status, 200);
    assert.equal((await postBatch(warren, [{ event, uuid: reverseUuid, distinct_id: 'null', properties: { $anon_distinct_id: anonymous, run } }])).status, 200);

    await waitForEvents(warren, `${run}-pageview`);
    for (const c of cases) {
      await waitForWarning(warren, 'cannot_merge_with_illegal_distinct_id', (d) => d.eventUuid === c.uuid);
      const person = await api(warren, 'GET', `/api/projects/1/persons/?distinct_id=${encodeURIComponent(c.user)}`);
      assert.equal(person.status, 200);
      assert.deepEqual(person.body.results.map((p: { distinct_ids: string[] }) => p.distinct_ids), [[c.user]], `${c.anon} was not merged into ${c.user}`);
    }
    await waitForWarning(warren, 'cannot_merge_with_illegal_distinct_id', (d) => d.eventUuid === reverseUuid);
    const anonPerson = await api(warren, 'GET', `/api/projects/1/persons/?distinct_id=${encodeURIComponent(anonymous)}`);
    // Control: the same request with a legal anonymous id does merge, so the checks above can fail.
    const legalUser = `${run}-legal-user`;
    const legalAnon = `${run}-legal-anon`;
    assert.equal((await postBatch(warren, [{ event, distinct_id: legalUser, properties: { $anon_distinct_id: legalAnon, run } }])).status, 200);
    const merged = await eventually(async () => {
      const person = await api(warren, 'GET', `/api/projects/1/persons/?distinct_id=${encodeURIComponent(legalUser)}`);
      return person.body.results[0]?.distinct_ids.length === 2 ? person.body.results[0].distinct_ids : null;
    });
    assert.deepEqual([...merged].sort(), [legalAnon, legalUser].sort());
    assert.deepEqual(anonPerson.body.results.map((p: { distinct_ids: string[] }) => p.distinct_ids), [[anonymous]]);
    // Merges happen as events are ingested; the events themselves reach the store at the next flush.
    const stored = await eventually(async () => {
      const identifies = await hogql(warren, `select count() from events where event = '$identify' and properties.run = '${run}'`);
      const count = Number(identifies.results[0][0]);
      return count === cases.length + 2 ? count : null;
    });
    assert.equal(stored, cases.length + 2, 'every $identify event is stored');
  });
});

describe('uuids (cases 35-38)', { concurrency: true }, () => {
  test('the same uuid sent twice (a retry), and twice in one batch, is stored once', async () => {
    const event = uniqueName('retried');
    const uuid = uuidV7();
    assert.equal((await postBatch(warren, [{ event, uuid, distinct_id: 'u' }])).status, 200);
    await waitForEvents(warren, event);
    assert.equal((await postBatch(warren, [{ event, uuid, distinct_id: 'u' }])).status, 200);
    const inBatch = uniqueName('doubled');
    const uuid2 = uuidV7();
    assert.equal((await postBatch(warren, [{ event: inBatch, uuid: uuid2, distinct_id: 'u' }, { event: inBatch, uuid: uuid2, distinct_id: 'u' }])).status, 200);
    const sentinel = await assertStillServing(warren);
    assert.equal(await countAfterSentinel(warren, event, sentinel), 1, 'a retried uuid is stored once');
    assert.equal(await countAfterSentinel(warren, inBatch, sentinel), 1, 'a uuid repeated within one batch is stored once');
  });

  test('the same uuid on two different events stores both', async () => {
    const first = uniqueName('shared-uuid-a');
    const second = uniqueName('shared-uuid-b');
    const uuid = uuidV7();
    assert.equal((await postBatch(warren, [{ event: first, uuid, distinct_id: 'u' }, { event: second, uuid, distinct_id: 'u' }])).status, 200);
    const a = await waitForEvents(warren, first, 'toString(uuid)');
    const b = await waitForEvents(warren, second, 'toString(uuid)');
    assert.deepEqual([a[0][0], b[0][0]], [uuid, uuid]);
  });

  test('an invalid uuid drops that event with skipping_event_invalid_uuid; a request of only that answers 400', async () => {
    const event = uniqueName('bad-uuid');
    const badUuid = `not-a-uuid-${event}`;
    const sentinel = await batchWithOneBadEvent(event, { uuid: badUuid });
    assert.equal(await countAfterSentinel(warren, event, sentinel), 2);
    await waitForWarning(warren, 'skipping_event_invalid_uuid', (d) => d.uuid === badUuid);
    for (const uuid of [12345, '01900000-0000-7000-8000-00000000000g', { id: 1 }]) {
      assertCaptureError(await postSingleEvent(warren, { event, uuid, distinct_id: 'u' }), 400, 'skipping_event_invalid_uuid');
    }
  });

  test('an event without a uuid gets a generated UUIDv7', async () => {
    const event = uniqueName('no-uuid');
    assert.equal((await postBatch(warren, [{ event, distinct_id: 'u' }, { event, distinct_id: 'u' }])).status, 200);
    const rows = await waitForEvents(warren, event, 'toString(uuid)', 2);
    for (const [uuid] of rows) assert.match(String(uuid), /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.notEqual(rows[0][0], rows[1][0]);
  });
});

describe('timestamps (cases 39-44)', { concurrency: true }, () => {
  test('an unparseable timestamp is stored at the receive time with ignored_invalid_timestamp', async () => {
    const event = uniqueName('bad-timestamp');
    const value = `yesterday-ish ${event}`;
    const sentAt = Date.now();
    assert.equal((await postBatch(warren, [{ event, distinct_id: 'u', timestamp: value }])).status, 200);
    assertNear(await storedTime(event), sentAt, 5000, 'unparseable timestamp');
    await waitForWarning(warren, 'ignored_invalid_timestamp', (d) => d.value === value);
  });

  test('a client clock one hour ahead is corrected by sent_at, unless $ignore_sent_at', async () => {
    const corrected = uniqueName('skewed');
    const ignored = uniqueName('skew-ignored');
    const now = Date.now();
    const clientNow = now + HOUR_MS;
    const happened = new Date(clientNow - 10_000).toISOString();
    const res = await postBatch(
      warren,
      [
        { event: corrected, distinct_id: 'u', timestamp: happened },
        { event: ignored, distinct_id: 'u', timestamp: happened, properties: { $ignore_sent_at: true } },
      ],
      { sent_at: new Date(clientNow).toISOString() },
    );
    assert.equal(res.status, 200, res.text);
    assertNear(await storedTime(corrected), now - 10_000, 3000, 'skew-corrected time');
    assertNear(await storedTime(ignored), clientNow - 10_000, 1000, 'time with $ignore_sent_at');
  });

  test('a timestamp more than 23 h in the future is clamped to now with event_timestamp_in_future', async () => {
    const event = uniqueName('future');
    const future = new Date(Date.now() + 30 * HOUR_MS).toISOString();
    const sentAt = Date.now();
    assert.equal((await postBatch(warren, [{ event, distinct_id: 'u', timestamp: future }])).status, 200);
    assertNear(await storedTime(event), sentAt, 5000, 'future timestamp');
    await waitForWarning(warren, 'event_timestamp_in_future', (d) => d.timestamp === future);
  });

  test('year 9999, a negative year and year 1000 are clamped to now, keeping the raw value', async () => {
    const cases = ['9999-12-31T23:59:59Z', '-000001-01-01T00:00:00Z', '1000-01-01T00:00:00Z'].map((timestamp) => ({ timestamp, event: uniqueName('out-of-range') }));
    const sentAt = Date.now();
    const res = await postBatch(warren, cases.map((c) => ({ event: c.event, distinct_id: 'u', timestamp: c.timestamp })));
    assert.equal(res.status, 200, res.text);
    for (const c of cases) {
      const rows = await waitForEvents(warren, c.event, 'toString(timestamp), properties.$raw_timestamp');
      assertNear(storedTimeMs(rows[0][0]), sentAt, 5000, c.timestamp);
      assert.equal(rows[0][1], c.timestamp, 'the raw timestamp is kept in $raw_timestamp');
      await waitForWarning(warren, 'timestamp_out_of_range', (d) => d.timestamp === c.timestamp);
    }
  });

  test('an impossible date (2024-02-30) is treated as invalid, not rolled over to March', async () => {
    const event = uniqueName('feb-30');
    const sentAt = Date.now();
    assert.equal((await postBatch(warren, [{ event, distinct_id: 'u', timestamp: '2024-02-30T10:00:00Z' }])).status, 200);
    assertNear(await storedTime(event), sentAt, 5000, '2024-02-30');
    await waitForWarning(warren, 'ignored_invalid_timestamp', (d) => d.value === '2024-02-30T10:00:00Z');
  });

  test('+03 offsets, zone-less civil time and epoch seconds or milliseconds are all read correctly', async () => {
    const expected = Date.UTC(2024, 4, 1, 12, 0, 0);
    const forms = ['2024-05-01T15:00:00+03', '2024-05-01T15:00:00+0300', '2024-05-01 12:00:00', expected / 1000, expected, String(expected)];
    const cases = forms.map((timestamp) => ({ timestamp, event: uniqueName('time-form') }));
    const res = await postBatch(warren, cases.map((c) => ({ event: c.event, distinct_id: 'u', timestamp: c.timestamp })));
    assert.equal(res.status, 200, res.text);
    for (const c of cases) assertNear(await storedTime(c.event), expected, 0, `timestamp ${JSON.stringify(c.timestamp)}`);
  });

  test('offset wins over timestamp when both are present', async () => {
    const event = uniqueName('offset-and-timestamp');
    const sentAt = Date.now();
    const res = await postBatch(warren, [{ event, distinct_id: 'u', timestamp: '2020-01-01T00:00:00Z', offset: 60_000 }]);
    assert.equal(res.status, 200, res.text);
    assertNear(await storedTime(event), sentAt - 60_000, 5000, 'offset');
  });
});

describe('person and group updates (case 45)', { concurrency: true }, () => {
  test('$groupidentify whose $group_set is not an object is discarded with a warning; the rest of the batch is stored', async () => {
    const event = uniqueName('group-batch');
    const uuid = uuidV7();
    const groupKey = uniqueName('acme');
    const sentinel = await batchWithOneBadEvent(event, {
      event: '$groupidentify',
      uuid,
      properties: { $group_type: 'company', $group_key: groupKey, $group_set: 'not an object' },
    });
    const stored = await hogql(warren, `select count() from events where event = '$groupidentify' and properties.$group_key = '${groupKey}'`);
    assert.equal(Number(stored.results[0][0]), 0, 'the $groupidentify is not stored');
    assert.equal(await countAfterSentinel(warren, event, sentinel), 2);
    await waitForWarning(warren, 'invalid_event_shape', (d) => d.uuid === uuid && d.field === '$group_set');
  });

  test('a $group_type whose toString cannot be called is discarded with a warning; ingestion goes on', async () => {
    // This event once failed every flush after it, for good (the log replayed it on every start).
    const event = uniqueName('group-type-object');
    const uuid = uuidV7();
    const sentinel = await batchWithOneBadEvent(event, { event: '$groupidentify', uuid, properties: { $group_type: { toString: 1 }, $group_key: 'acme' } });
    assert.equal(await countAfterSentinel(warren, event, sentinel), 2);
    await waitForWarning(warren, 'invalid_group_set', (d) => d.eventUuid === uuid && d.groupType === '<object>');
  });

  test('a lone $groupidentify with a non-object $group_set answers 400', async () => {
    const res = await postSingleEvent(warren, {
      event: '$groupidentify',
      distinct_id: 'u',
      properties: { $group_type: 'company', $group_key: 'k', $group_set: ['a', 'b'] },
    });
    assertCaptureError(res, 400, 'invalid_event_shape');
    await assertStillServing(warren);
  });

  test('a non-object $set is ignored with a warning and the event is stored', async () => {
    const event = uniqueName('bad-set');
    assert.equal((await postBatch(warren, [{ event, distinct_id: 'u', properties: { $set: 'plan=pro', plan: 'pro' } }])).status, 200);
    const rows = await waitForEvents(warren, event, 'properties.plan, properties.$set');
    assert.deepEqual(rows[0], ['pro', null]);
    await waitForWarning(warren, 'invalid_event_shape', (d) => d.field === 'properties.$set');
  });

  test('a non-boolean $process_person_profile is treated as true with a warning', async () => {
    const event = uniqueName('ppp');
    const value = `maybe-${event}`;
    assert.equal((await postBatch(warren, [{ event, distinct_id: 'u', properties: { $process_person_profile: value } }])).status, 200);
    const rows = await waitForEvents(warren, event, 'properties.$process_person_profile');
    assert.equal(rows[0][0], 'true');
    await waitForWarning(warren, 'invalid_process_person_profile', (d) => d.value === value);
  });
});
