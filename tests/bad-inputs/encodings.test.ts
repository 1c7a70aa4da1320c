/**
 * bad-inputs.md cases 6-11 and 13-22, 25-27: what can be wrong with the bytes of a capture body (compression,
 * wrappers, text encoding, JSON itself), checked against a real server.
 */
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import LZString from 'lz-string';
import { hogql } from '../support/api-client.js';
import {
  assertCaptureError,
  assertStillServing,
  countAfterSentinel,
  eventRows,
  metricValue,
  postBatch,
  postJsonText,
  rawRequest,
  uniqueName,
  waitForEvents,
} from '../support/capture-client.js';
import { lz64Bomb, lz64BombOutputChars } from '../support/lz64-bomb.js';
import { spawnWarren, type WarrenProcess } from '../support/spawn-warren.js';

const MB = 1024 * 1024;

let warren: WarrenProcess;
before(async () => {
  warren = await spawnWarren();
});
after(async () => {
  await warren?.stop();
});

/** A one-event capture body as text. */
function batchJson(event: string, properties: Record<string, unknown> = {}, distinctId = 'encoding-user'): string {
  return JSON.stringify({ api_key: warren.token, batch: [{ event, distinct_id: distinctId, properties }] });
}

/** A request that must be refused: the status and code, the server survives, and the event was not stored. */
async function assertRefusedAndNotStored(res: Awaited<ReturnType<typeof rawRequest>>, status: number, code: string, event: string): Promise<void> {
  assertCaptureError(res, status, code);
  const sentinel = await assertStillServing(warren);
  assert.equal(await countAfterSentinel(warren, event, sentinel), 0, `${event} was not stored`);
}

describe('gzip (cases 6-10)', () => {
  test('truncated gzip answers 400 request_decoding_error', async () => {
    const event = uniqueName('truncated-gzip');
    const gz = gzipSync(batchJson(event));
    const truncated = gz.subarray(0, gz.length - 12);
    const labelled = await rawRequest(warren, { path: '/batch/', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: truncated });
    assertCaptureError(labelled, 400, 'request_decoding_error');
    const sniffed = await rawRequest(warren, { path: '/batch/', headers: { 'content-type': 'text/plain' }, body: truncated });
    await assertRefusedAndNotStored(sniffed, 400, 'request_decoding_error', event);
  });

  test('a gzip bomb (1 GiB of zeros in 1 MB) answers 400 event_too_big quickly and without a memory blow-up', async () => {
    // 100 members of 10 MiB of zeros each: 1000 MiB once inflated, about 1 MB on the wire.
    const member = gzipSync(Buffer.alloc(10 * MB), { level: 9 });
    const bomb = Buffer.concat(Array.from({ length: 100 }, () => member));
    assert.ok(bomb.length < 20 * MB);
    const rssBefore = (await metricValue(warren, 'warren_process_resident_memory_bytes'))!;
    assert.ok(rssBefore > 0, 'resident memory is exported');
    const started = Date.now();
    const res = await rawRequest(warren, { path: '/batch/', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: bomb });
    const elapsedMs = Date.now() - started;
    assertCaptureError(res, 400, 'event_too_big');
    assert.ok(elapsedMs < 5000, `refused in ${elapsedMs} ms`);
    const rssAfter = (await metricValue(warren, 'warren_process_resident_memory_bytes'))!;
    // The decompression cap is 100 MB; inflating the whole bomb would take 1 GiB.
    assert.ok(rssAfter - rssBefore < 400 * MB, `resident memory grew by ${Math.round((rssAfter - rssBefore) / MB)} MB`);
    await assertStillServing(warren);
  });

  test('gzip magic bytes without Content-Encoding are sniffed and stored', async () => {
    const event = uniqueName('sniffed-gzip');
    const res = await rawRequest(warren, { path: '/batch/', headers: { 'content-type': 'text/plain' }, body: gzipSync(batchJson(event)) });
    assert.equal(res.status, 200, res.text);
    await waitForEvents(warren, event);
  });

  test('Content-Encoding: gzip on a plain JSON body answers 400', async () => {
    const event = uniqueName('lying-encoding');
    const res = await rawRequest(warren, { path: '/batch/', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: batchJson(event) });
    await assertRefusedAndNotStored(res, 400, 'request_decoding_error', event);
  });

  test('garbage after a gzip member answers 400', async () => {
    const event = uniqueName('gzip-garbage');
    const body = Buffer.concat([gzipSync(batchJson(event)), Buffer.from('this is not gzip')]);
    const res = await rawRequest(warren, { path: '/batch/', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body });
    await assertRefusedAndNotStored(res, 400, 'request_decoding_error', event);
  });

  test('two concatenated gzip members are joined and stored', async () => {
    const event = uniqueName('two-members');
    const text = batchJson(event);
    const half = Math.floor(text.length / 2);
    const body = Buffer.concat([gzipSync(text.slice(0, half)), gzipSync(text.slice(half))]);
    const res = await rawRequest(warren, { path: '/batch/', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body });
    assert.equal(res.status, 200, res.text);
    await waitForEvents(warren, event);
  });
});

describe('legacy wrappers (case 11)', () => {
  const form = { 'content-type': 'application/x-www-form-urlencoded' };

  test('lz64: ?compression=lz64 with a form data= field of lz-string base64 is stored', async () => {
    const event = uniqueName('lz64-form');
    const data = LZString.compressToBase64(batchJson(event, { via: 'lz64' }));
    const res = await rawRequest(warren, { path: '/e/?compression=lz64', headers: form, body: `data=${encodeURIComponent(data)}` });
    assert.equal(res.status, 200, res.text);
    const rows = await waitForEvents(warren, event, 'properties.via');
    assert.equal(rows[0][0], 'lz64');
  });

  test('lz64 whose + signs arrive unescaped in the form (read back as spaces) is still stored', async () => {
    // Old posthog-js did not always URL-encode the field; find a payload whose lz-string output has a '+'.
    let event = '';
    let data = '';
    for (let i = 0; i < 200 && !data.includes('+'); i++) {
      event = uniqueName(`lz64-plus-${i}`);
      data = LZString.compressToBase64(batchJson(event));
    }
    assert.ok(data.includes('+'), 'found an lz-string payload with a + in it');
    const res = await rawRequest(warren, { path: '/e/?compression=lz64', headers: form, body: `data=${data}` });
    assert.equal(res.status, 200, res.text);
    await waitForEvents(warren, event);
  });

  test('base64: a form data= field of base64 JSON is stored', async () => {
    const event = uniqueName('base64-form');
    const data = Buffer.from(batchJson(event, { via: 'base64' })).toString('base64');
    const res = await rawRequest(warren, { path: '/e/?compression=base64', headers: form, body: `data=${encodeURIComponent(data)}` });
    assert.equal(res.status, 200, res.text);
    const rows = await waitForEvents(warren, event, 'properties.via');
    assert.equal(rows[0][0], 'base64');
  });

  test('GET /e/?data=<base64 JSON> is stored', async () => {
    const event = uniqueName('get-data');
    const data = Buffer.from(batchJson(event)).toString('base64');
    const res = await rawRequest(warren, { method: 'GET', path: `/e/?data=${encodeURIComponent(data)}` });
    assert.equal(res.status, 200, res.text);
    await waitForEvents(warren, event);
  });

  test('text/plain JSON (sendBeacon) is stored', async () => {
    const event = uniqueName('text-plain');
    const res = await rawRequest(warren, { path: '/e/', headers: { 'content-type': 'text/plain;charset=UTF-8', 'sec-fetch-mode': 'no-cors' }, body: batchJson(event) });
    assert.equal(res.status, 200, res.text);
    await waitForEvents(warren, event);
  });

  test('an lz64 bomb (110 MB from 30 KB) answers 400 event_too_big without a memory blow-up', async () => {
    const codes = 15_000;
    assert.ok(lz64BombOutputChars(codes) > 105 * 1000 * 1000, 'inflates past the 100 MB decompression cap');
    const rssBefore = (await metricValue(warren, 'warren_process_resident_memory_bytes'))!;
    const started = Date.now();
    const res = await rawRequest(warren, { path: '/e/?compression=lz64', headers: form, body: `data=${encodeURIComponent(lz64Bomb('a', codes))}` });
    const elapsedMs = Date.now() - started;
    assertCaptureError(res, 400, 'event_too_big');
    assert.ok(elapsedMs < 5000, `refused in ${elapsedMs} ms`);
    const rssAfter = (await metricValue(warren, 'warren_process_resident_memory_bytes'))!;
    assert.ok(rssAfter - rssBefore < 400 * MB, `resident memory grew by ${Math.round((rssAfter - rssBefore) / MB)} MB`);
    await assertStillServing(warren);
  });

  test('an lz64 payload that is not lz-string answers 400', async () => {
    const res = await rawRequest(warren, { path: '/e/?compression=lz64', headers: form, body: 'data=%E2%98%83%E2%98%83%E2%98%83' });
    assertCaptureError(res, 400, 'request_decoding_error');
    await assertStillServing(warren);
  });
});

describe('requests that hold no event (case 13)', () => {
  for (const [name, body] of [
    ['an empty body', ''],
    ['{}', '{}'],
    ['[]', '[]'],
    ['{"batch":[]}', '{"api_key":"TOKEN","batch":[]}'],
    ['whitespace only', ' \n\t '],
  ] as const) {
    test(`${name} answers 400 empty_batch`, async () => {
      const res = await postJsonText(warren, body.replace('TOKEN', warren.token));
      assertCaptureError(res, 400, 'empty_batch');
      await assertStillServing(warren);
    });
  }
});

describe('text encoding (cases 14-17)', () => {
  test('invalid UTF-8 bytes answer 400', async () => {
    const event = uniqueName('bad-utf8');
    const text = batchJson(event, { name: 'XX' });
    const bytes = Buffer.from(text);
    const at = bytes.indexOf('XX');
    bytes[at] = 0xff;
    bytes[at + 1] = 0xfe;
    const res = await postJsonText(warren, bytes);
    await assertRefusedAndNotStored(res, 400, 'request_decoding_error', event);
  });

  test('a lone surrogate escape is stored as U+FFFD and the rest of the batch survives', async () => {
    const event = uniqueName('lone-surrogate');
    const text = JSON.stringify({
      api_key: warren.token,
      batch: [
        { event, distinct_id: 'u', properties: { name: 'LONE', plan: 'pro' } },
        { event, distinct_id: 'u', properties: { name: 'fine', plan: 'pro' } },
      ],
    }).replace('LONE', 'a\\ud800b');
    const res = await postJsonText(warren, text);
    assert.equal(res.status, 200, res.text);
    const rows = await waitForEvents(warren, event, 'properties.name, properties.plan', 2);
    assert.deepEqual(rows.map((r) => r[0]).sort(), ['a\ufffdb', 'fine']);
    assert.deepEqual(rows.map((r) => r[1]), ['pro', 'pro']);
  });

  test('a UTF-8 BOM before the JSON is stripped and the event stored', async () => {
    const event = uniqueName('bom');
    const res = await postJsonText(warren, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(batchJson(event))]));
    assert.equal(res.status, 200, res.text);
    await waitForEvents(warren, event);
  });

  test('NUL in distinct_id and in the event name is stored as U+FFFD', async () => {
    const event = uniqueName('nul');
    const res = await postBatch(warren, [
      { event, distinct_id: 'nul\u0000user' },
      { event: `${event}\u0000name`, distinct_id: 'u' },
    ]);
    assert.equal(res.status, 200, res.text);
    const rows = await waitForEvents(warren, event, 'distinct_id');
    assert.equal(rows[0][0], 'nul\ufffduser');
    await waitForEvents(warren, `${event}\ufffdname`);
  });
});

describe('JSON itself (cases 18-22, 25-27)', () => {
  test('malformed JSON answers 400 request_parsing_error without echoing the payload', async () => {
    const marker = `SECRET-${uniqueName('payload')}`;
    const res = await postJsonText(warren, `{"api_key":"${warren.token}","batch":[{"event":"${marker}","distinct_id":"u"`);
    assertCaptureError(res, 400, 'request_parsing_error');
    assert.ok(!res.text.includes(marker), `the answer does not echo the payload: ${res.text}`);
    assert.ok(!res.text.includes(warren.token), 'the answer does not echo the token');
    const sentinel = await assertStillServing(warren);
    assert.equal(await countAfterSentinel(warren, marker, sentinel), 0);
  });

  for (const literal of ['NaN', 'Infinity', '-Infinity']) {
    test(`a ${literal} literal answers 400 request_parsing_error`, async () => {
      const event = uniqueName(`literal-${literal}`);
      const res = await postJsonText(warren, batchJson(event, { value: 'LITERAL' }).replace('"LITERAL"', literal));
      await assertRefusedAndNotStored(res, 400, 'request_parsing_error', event);
    });
  }

  test('a number that overflows (1e400) is stored as null', async () => {
    const event = uniqueName('overflow');
    const res = await postJsonText(warren, batchJson(event, { value: 'BIG', plan: 'pro' }).replace('"BIG"', '1e400'));
    assert.equal(res.status, 200, res.text);
    const rows = await waitForEvents(warren, event, 'properties, properties.plan');
    const properties = JSON.parse(String(rows[0][0]));
    assert.ok('value' in properties, 'the property is kept');
    assert.equal(properties.value, null);
    assert.equal(rows[0][1], 'pro', 'the other properties stay queryable');
  });

  test('an integer above 2^64 is accepted and the event and its properties stay queryable', async () => {
    const event = uniqueName('big-int');
    const res = await postJsonText(warren, batchJson(event, { order_id: 'ORDER', plan: 'pro' }).replace('"ORDER"', '18446744073709551617'));
    assert.equal(res.status, 200, res.text);
    const rows = await waitForEvents(warren, event, 'properties.plan, properties.order_id');
    assert.equal(rows[0][0], 'pro', `other properties of the event are readable; row: ${JSON.stringify(rows[0])}`);
    // JSON numbers are doubles here (the spec documents the precision loss); the value must still be readable.
    assert.equal(Number(rows[0][1]), 2 ** 64, `order_id: ${JSON.stringify(rows[0][1])}`);
  });

  test('nesting 100,000 levels deep answers 400 request_parsing_error', async () => {
    const event = uniqueName('deep');
    const depth = 100_000;
    const res = await postJsonText(warren, batchJson(event, { deep: 'DEEP' }).replace('"DEEP"', '['.repeat(depth) + ']'.repeat(depth)));
    await assertRefusedAndNotStored(res, 400, 'request_parsing_error', event);
  });

  test('nesting just past the cap in a short body answers 400 too', async () => {
    const event = uniqueName('deep-short');
    const res = await postJsonText(warren, batchJson(event, { deep: 'DEEP' }).replace('"DEEP"', '{"a":'.repeat(100) + '1' + '}'.repeat(100)));
    await assertRefusedAndNotStored(res, 400, 'request_parsing_error', event);
  });

  test('duplicate JSON keys: the last one wins', async () => {
    const event = uniqueName('dup-keys');
    const text = batchJson(event, { plan: 'KEYS' }).replace('"plan":"KEYS"', '"plan":"first","plan":"last"');
    const res = await postJsonText(warren, text);
    assert.equal(res.status, 200, res.text);
    const rows = await waitForEvents(warren, event, 'properties.plan');
    assert.equal(rows[0][0], 'last');
  });

  test('__proto__ and constructor keys are stored as plain properties and pollute nothing', async () => {
    const event = uniqueName('proto');
    const text = batchJson(event, { plan: 'pro' }).replace(
      '"plan":"pro"',
      '"plan":"pro","__proto__":{"polluted":"yes","plan":"hijacked"},"constructor":{"prototype":{"polluted":"yes"}}',
    );
    const res = await postJsonText(warren, text);
    assert.equal(res.status, 200, res.text);
    const rows = await waitForEvents(warren, event, 'properties.plan, properties.__proto__.polluted, properties.constructor.prototype.polluted, properties.polluted');
    assert.deepEqual(rows[0], ['pro', 'yes', 'yes', null]);

    // A later, ordinary event picks up nothing from the first one.
    const later = uniqueName('after-proto');
    assert.equal((await postBatch(warren, [{ event: later, distinct_id: 'u', properties: { plan: 'free' } }])).status, 200);
    const laterRows = await waitForEvents(warren, later, 'properties');
    assert.deepEqual(JSON.parse(String(laterRows[0][0])).polluted, undefined);
    const polluted = await hogql(warren, `select count() from events where properties.polluted = 'yes'`);
    assert.equal(Number(polluted.results[0][0]), 0);
  });

  for (const [name, body] of [
    ['a bare string', '"x"'],
    ['a bare number', '42'],
    ['null', 'null'],
    ['true', 'true'],
  ] as const) {
    test(`a top level that is ${name} answers 400 request_parsing_error`, async () => {
      const res = await postJsonText(warren, body);
      assertCaptureError(res, 400, 'request_parsing_error');
      await assertStillServing(warren);
    });
  }

  test('batch that is not an array, or holds a non-object, answers 400 request_parsing_error', async () => {
    const event = uniqueName('batch-shape');
    for (const batch of ['"x"', '{"event":"e"}', '42']) {
      const res = await postJsonText(warren, `{"api_key":"${warren.token}","batch":${batch}}`);
      assertCaptureError(res, 400, 'request_parsing_error');
    }
    const mixed = await postJsonText(warren, `{"api_key":"${warren.token}","batch":[{"event":"${event}","distinct_id":"u"},"not an event"]}`);
    await assertRefusedAndNotStored(mixed, 400, 'request_parsing_error', event);
  });
});

