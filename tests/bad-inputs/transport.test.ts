/**
 * bad-inputs.md cases 1-5, 12, 28, 29: what a hostile or broken client does to the HTTP exchange itself (sizes,
 * timeouts, framing, preflight, tokens), checked against a real server.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import {
  assertCaptureError,
  assertStillServing,
  countAfterSentinel,
  postBatch,
  postJsonText,
  rawRequest,
  rawSocket,
  responseStatuses,
  uniqueName,
  waitForEvents,
} from '../support/capture-client.js';
import { spawnWarren, type WarrenProcess } from '../support/spawn-warren.js';

const MB = 1024 * 1024;
const HEADERS_TIMEOUT_MS = 1000;
const BODY_TIMEOUT_MS = 1000;
const REQUEST_TIMEOUT_MS = 2500;

let warren: WarrenProcess;
before(async () => {
  warren = await spawnWarren({
    env: {
      WARREN_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
      WARREN_BODY_TIMEOUT_MS: String(BODY_TIMEOUT_MS),
      WARREN_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
    },
  });
});
after(async () => {
  await warren?.stop();
});

function batchBody(event: string): string {
  return JSON.stringify({ api_key: warren.token, batch: [{ event, distinct_id: 'transport-user' }] });
}

describe('body size (case 1)', () => {
  test('a body over 20 MB answers 413 and the keep-alive connection is reused for the next request', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const warmUp = await rawRequest(warren, { path: '/batch/', headers: { 'content-type': 'application/json' }, body: batchBody(uniqueName('warm-up')), agent });
      assert.equal(warmUp.status, 200);
      // Valid JSON padding, so that only the size can be the reason for refusing it.
      const big = Buffer.alloc(21 * MB, 0x20);
      big.write(batchBody(uniqueName('too-big')));
      const tooLarge = await rawRequest(warren, { path: '/batch/', headers: { 'content-type': 'application/json' }, body: big, agent });
      assertCaptureError(tooLarge, 413, 'payload_too_large');
      assert.notEqual(tooLarge.headers.connection, 'close', 'the 413 keeps the connection open (body drained)');

      const event = uniqueName('after-413');
      const next = await rawRequest(warren, { path: '/batch/', headers: { 'content-type': 'application/json' }, body: batchBody(event), agent });
      assert.equal(next.status, 200);
      assert.equal(next.reusedSocket, true, 'the request after a 413 reuses the same keep-alive socket');
      await waitForEvents(warren, event);
    } finally {
      agent.destroy();
    }
  });

  test('a body over 40 MB answers 413 or resets the connection, and the server keeps serving', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const huge = Buffer.alloc(45 * MB, 0x20);
      const outcome = await rawRequest(warren, { path: '/batch/', headers: { 'content-type': 'application/json' }, body: huge, agent }).then(
        (res) => res.status,
        (error: NodeJS.ErrnoException) => error.code,
      );
      assert.ok(outcome === 413 || outcome === 'ECONNRESET' || outcome === 'EPIPE', `413 or a reset, got ${outcome}`);
    } finally {
      agent.destroy();
    }
    await assertStillServing(warren);
  });
});

// Timeouts: independent of each other and slow by nature, so they run side by side.
describe('slow and lying clients (cases 2-5)', { concurrency: true }, () => {
  test('slowloris: headers trickling in are cut off by the server', async () => {
    const headerText = 'POST /batch/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nX-Slow: ' + 'a'.repeat(200);
    let timer: NodeJS.Timeout | undefined;
    const outcome = await rawSocket(
      warren,
      (socket) => {
        let i = 0;
        timer = setInterval(() => {
          if (!socket.destroyed && i < headerText.length) socket.write(headerText[i++]);
        }, 100);
      },
      HEADERS_TIMEOUT_MS + 5000,
    );
    clearInterval(timer);
    assert.notEqual(outcome.closedAfterMs, null, 'the server closed the connection');
    assert.ok(outcome.closedAfterMs! >= HEADERS_TIMEOUT_MS - 100, `closed after the header timeout, not before (${outcome.closedAfterMs} ms)`);
    await assertStillServing(warren);
  });

  test('a body that stalls mid-upload answers 408 and the connection is closed', async () => {
    const body = batchBody(uniqueName('stalled'));
    const outcome = await rawSocket(
      warren,
      (socket) => {
        socket.write(`POST /batch/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`);
        socket.write(body.slice(0, 20));
      },
      BODY_TIMEOUT_MS + 5000,
    );
    assert.notEqual(outcome.closedAfterMs, null, 'the server gave up on the stalled body');
    assert.deepEqual(responseStatuses(outcome.received), [408], `the server answered 408 before closing; received: ${JSON.stringify(outcome.received)}`);
    assert.match(outcome.received, /"code":"request_timeout"/);
    await assertStillServing(warren);
  });

  test('Content-Length longer than the body answers 408 after the stall timeout, never hangs', async () => {
    const body = batchBody(uniqueName('short-body'));
    const outcome = await rawSocket(
      warren,
      (socket) => {
        socket.write(`POST /batch/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length + 500}\r\n\r\n${body}`);
      },
      BODY_TIMEOUT_MS + 5000,
    );
    assert.notEqual(outcome.closedAfterMs, null, 'the server did not wait forever for the missing bytes');
    assert.ok(outcome.closedAfterMs! >= BODY_TIMEOUT_MS - 100, `waited for the stall timeout (${outcome.closedAfterMs} ms)`);
    assert.deepEqual(responseStatuses(outcome.received), [408], `received: ${JSON.stringify(outcome.received)}`);
    await assertStillServing(warren);
  });

  test('Content-Length shorter than the body: the truncated JSON answers 400, the rest is refused, the socket closes', async () => {
    const event = uniqueName('long-body');
    const body = batchBody(event);
    const outcome = await rawSocket(
      warren,
      (socket) => {
        socket.write(`POST /batch/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 30\r\n\r\n${body}`);
      },
      5000,
    );
    assert.notEqual(outcome.closedAfterMs, null, 'the connection does not hang');
    const statuses = responseStatuses(outcome.received);
    assert.equal(statuses[0], 400, `the 30 bytes that were declared are malformed JSON; received: ${JSON.stringify(outcome.received)}`);
    // The leftover bytes are read as a next request, which is not HTTP: refused (400) or dropped, never a 2xx.
    assert.ok(statuses.every((s) => s === 400), `statuses: ${statuses}`);
    const sentinel = await assertStillServing(warren);
    assert.equal(await countAfterSentinel(warren, event, sentinel), 0);
  });

  test('a request that is still arriving after the request timeout answers 408 (case 4)', async () => {
    // Case 4 (handler runs too long) has no handler timeout in Warren: parse time is bounded by the wire,
    // decompression, depth and property caps instead. What does exist is the whole-request timeout, checked here with
    // a body that never stalls long enough for the chunk timeout but takes longer than the request timeout.
    const body = batchBody(uniqueName('slow-body'));
    let timer: NodeJS.Timeout | undefined;
    const outcome = await rawSocket(
      warren,
      (socket) => {
        socket.write(`POST /batch/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`);
        let i = 0;
        timer = setInterval(() => {
          if (!socket.destroyed && i < body.length) socket.write(body[i++]);
        }, BODY_TIMEOUT_MS / 4);
      },
      REQUEST_TIMEOUT_MS + 5000,
    );
    clearInterval(timer);
    assert.notEqual(outcome.closedAfterMs, null, 'the server ended the slow request');
    assert.ok(outcome.closedAfterMs! >= REQUEST_TIMEOUT_MS - 100, `after the request timeout (${outcome.closedAfterMs} ms)`);
    assert.deepEqual(responseStatuses(outcome.received), [408], `received: ${JSON.stringify(outcome.received)}`);
    await assertStillServing(warren);
  });
});

describe('CORS preflight (case 12)', () => {
  test('OPTIONS /batch/ with odd requested headers answers 200 mirroring Origin and the requested headers', async () => {
    const res = await rawRequest(warren, {
      method: 'OPTIONS',
      path: '/batch/',
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-weird, content-type' },
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers['access-control-allow-origin'], 'https://shop.example');
    const allowed = String(res.headers['access-control-allow-headers']).split(',').map((h) => h.trim().toLowerCase());
    assert.ok(allowed.includes('x-weird') && allowed.includes('content-type'), `allow-headers: ${res.headers['access-control-allow-headers']}`);
    assert.match(String(res.headers['access-control-allow-methods']), /POST/);
    await assertStillServing(warren);
  });
});

// Case 28 also asks for negative token lookups to be cached; that is not observable from outside, so only the answers
// are checked here.
describe('tokens (cases 28, 29)', () => {
  test('a request without any token answers 401 no_token and stores nothing', async () => {
    const event = uniqueName('no-token');
    const res = await postJsonText(warren, JSON.stringify({ batch: [{ event, distinct_id: 'u' }] }));
    assertCaptureError(res, 401, 'no_token');
    const sentinel = await assertStillServing(warren);
    assert.equal(await countAfterSentinel(warren, event, sentinel), 0);
  });

  test('an unknown token answers 401 invalid_token and stores nothing', async () => {
    const event = uniqueName('bad-token');
    const res = await postJsonText(warren, JSON.stringify({ api_key: 'phc_doesNotExist0000000000', batch: [{ event, distinct_id: 'u' }] }));
    assertCaptureError(res, 401, 'invalid_token');
    const empty = await postJsonText(warren, JSON.stringify({ api_key: '', batch: [{ event, distinct_id: 'u' }] }));
    assertCaptureError(empty, 401, 'no_token');
    const sentinel = await assertStillServing(warren);
    assert.equal(await countAfterSentinel(warren, event, sentinel), 0);
  });

  test('different tokens inside one batch answer 401 multiple_tokens and store nothing', async () => {
    const event = uniqueName('two-tokens');
    const res = await postJsonText(
      warren,
      JSON.stringify({
        batch: [
          { event, distinct_id: 'u', api_key: warren.token },
          { event, distinct_id: 'u', properties: { token: 'phc_someOtherProject000000' } },
        ],
      }),
    );
    assertCaptureError(res, 401, 'multiple_tokens');
    const sentinel = await assertStillServing(warren);
    assert.equal(await countAfterSentinel(warren, event, sentinel), 0);
  });

  test('the same token on every event of a batch (no envelope token) is accepted', async () => {
    const event = uniqueName('event-tokens');
    const res = await postJsonText(warren, JSON.stringify([{ event, distinct_id: 'u', api_key: warren.token }, { event, distinct_id: 'u', properties: { token: warren.token } }]));
    assert.equal(res.status, 200, res.text);
    await waitForEvents(warren, event, 'distinct_id', 2);
  });
});

test('a query parameter given twice is read once (its last value), never a 500', async () => {
  const event = uniqueName('repeated-param');
  const body = JSON.stringify({ api_key: warren.token, batch: [{ event, distinct_id: 'u' }] });
  const post = (path: string, text: string) => fetch(warren.url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: text });
  // The last value wins: plain JSON read as such.
  assert.equal((await post('/batch/?compression=base64&compression=', body)).status, 200);
  assert.ok((await post('/e/?compression=gzip-js&compression=base64', body)).status < 500);
  const data = Buffer.from(JSON.stringify({ api_key: warren.token, event, distinct_id: 'u2' })).toString('base64');
  assert.equal((await fetch(`${warren.url}/e/?data=${encodeURIComponent(data)}&data=${encodeURIComponent(data)}`)).status, 200);
  await waitForEvents(warren, event, 'distinct_id', 2);
  const flags = await post('/flags/?v=2&compression=base64&compression=', JSON.stringify({ token: warren.token, distinct_id: 'u' }));
  assert.equal(flags.status, 200);
  assert.ok('flags' in ((await flags.json()) as object), 'v=2 read as 2');
  const definitions = await fetch(`${warren.url}/api/feature_flag/local_evaluation?token=${warren.token}&token=${warren.token}`, {
    headers: { authorization: `Bearer ${warren.personalApiKey}` },
  });
  assert.equal(definitions.status, 200);
});

test('a normal batch still works after all of the above', async () => {
  const res = await postBatch(warren, [{ event: uniqueName('final'), distinct_id: 'u' }]);
  assert.equal(res.status, 200);
});
