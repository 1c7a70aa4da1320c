import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import LZString from 'lz-string';
import { decodeCaptureBody } from './decode-body.js';
import { DEFAULT_INGEST_LIMITS, type DecodeLimits } from './limits.js';
import type { CaptureError, RawCaptureRequest } from './types.js';

function request(body: string | Buffer, overrides: Partial<RawCaptureRequest> = {}): RawCaptureRequest {
  return {
    body: typeof body === 'string' ? Buffer.from(body, 'utf8') : body,
    contentType: 'application/json',
    contentEncoding: undefined,
    query: {},
    ...overrides,
  };
}

function decode(req: RawCaptureRequest, limits: DecodeLimits = DEFAULT_INGEST_LIMITS): unknown {
  const result = decodeCaptureBody(req, limits);
  if (!result.ok) assert.fail(`expected a decoded body, got ${JSON.stringify(result.error)}`);
  return result.value;
}

function decodeError(req: RawCaptureRequest, limits: DecodeLimits = DEFAULT_INGEST_LIMITS): CaptureError {
  const result = decodeCaptureBody(req, limits);
  if (result.ok) assert.fail(`expected an error, got ${JSON.stringify(result.value)}`);
  return result.error;
}

/** Compare as plain JSON: decoded objects have a null prototype, which deepStrictEqual would otherwise flag. */
function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

const EVENT = { event: 'e', distinct_id: 'u1', properties: { a: 1, s: 'héllo ✓' } };
const EVENT_JSON = JSON.stringify(EVENT);
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

test('plain JSON decodes', () => {
  assert.deepEqual(plain(decode(request(EVENT_JSON))), EVENT);
});

test('gzip is decoded when Content-Encoding says so', () => {
  assert.deepEqual(plain(decode(request(gzipSync(EVENT_JSON), { contentEncoding: 'gzip' }))), EVENT);
});

test('gzip is sniffed from the magic bytes on text/plain without any label (posthog-js)', () => {
  assert.deepEqual(plain(decode(request(gzipSync(EVENT_JSON), { contentType: 'text/plain' }))), EVENT);
});

test('?compression=gzip-js and ?compression=gzip bodies are gunzipped', () => {
  for (const compression of ['gzip-js', 'gzip']) {
    assert.deepEqual(plain(decode(request(gzipSync(EVENT_JSON), { contentType: 'text/plain', query: { compression } }))), EVENT);
  }
});

test('?compression=gzip-js on a body that is not gzip is read as plain JSON (the flag is advisory)', () => {
  assert.deepEqual(plain(decode(request(EVENT_JSON, { query: { compression: 'gzip-js' } }))), EVENT);
});

test('truncated gzip is refused with 400 "invalid GZIP data"', () => {
  const gz = gzipSync(EVENT_JSON);
  const error = decodeError(request(gz.subarray(0, gz.length - 5), { contentEncoding: 'gzip' }));
  assert.equal(error.status, 400);
  assert.equal(error.code, 'request_decoding_error');
  assert.equal(error.detail, 'invalid GZIP data');
});

test('a gzip bomb is stopped at the decompression cap with 400 event_too_big', () => {
  const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024));
  assert.ok(bomb.length < 20_000);
  const limits = { ...DEFAULT_INGEST_LIMITS, maxDecompressedBytes: 1024 * 1024 };
  const error = decodeError(request(bomb, { contentType: 'text/plain' }), limits);
  assert.equal(error.status, 400);
  assert.equal(error.code, 'event_too_big');
});

test('Content-Encoding: gzip on a body that is not gzip is refused with 400', () => {
  const error = decodeError(request(EVENT_JSON, { contentEncoding: 'gzip' }));
  assert.equal(error.status, 400);
  assert.equal(error.code, 'request_decoding_error');
});

test('an unsupported Content-Encoding is refused with 400', () => {
  assert.equal(decodeError(request(EVENT_JSON, { contentEncoding: 'br' })).status, 400);
});

test('concatenated gzip members are joined', () => {
  const body = Buffer.concat([gzipSync('{"event":"e",'), gzipSync('"distinct_id":"u1"}')]);
  assert.deepEqual(plain(decode(request(body, { contentEncoding: 'gzip' }))), { event: 'e', distinct_id: 'u1' });
});

test('trailing garbage after a gzip member is refused with 400', () => {
  const body = Buffer.concat([gzipSync(EVENT_JSON), Buffer.from('garbage')]);
  const error = decodeError(request(body, { contentType: 'text/plain' }));
  assert.equal(error.status, 400);
  assert.equal(error.detail, 'invalid GZIP data');
});

test('form body data=<base64 JSON> with ?compression=base64 decodes (posthog-js without remote config)', () => {
  const body = `data=${encodeURIComponent(base64(EVENT_JSON))}`;
  const req = request(body, { contentType: 'application/x-www-form-urlencoded', query: { compression: 'base64' } });
  assert.deepEqual(plain(decode(req)), EVENT);
});

test('form body data=<base64 JSON> without a compression flag is sniffed as base64 (sendBeacon fallback)', () => {
  const body = `data=${encodeURIComponent(base64(EVENT_JSON))}`;
  assert.deepEqual(plain(decode(request(body, { contentType: 'application/x-www-form-urlencoded' }))), EVENT);
});

test('form data whose unencoded "+" arrived as spaces still decodes', () => {
  const encoded = base64(JSON.stringify({ event: '>>>>???', distinct_id: 'u1' }));
  assert.ok(encoded.includes('+'));
  const body = `data=${encoded.replaceAll('/', '%2F')}`; // '+' left raw: form decoding turns it into ' '
  assert.deepEqual(plain(decode(request(body, { contentType: 'application/x-www-form-urlencoded' }))), { event: '>>>>???', distinct_id: 'u1' });
});

test('form body data=<lz-string base64> with ?compression=lz64 decodes (older posthog-js)', () => {
  const body = `data=${encodeURIComponent(LZString.compressToBase64(EVENT_JSON))}`;
  const req = request(body, { contentType: 'application/x-www-form-urlencoded', query: { compression: 'lz64' } });
  assert.deepEqual(plain(decode(req)), EVENT);
});

test('a compression field inside the form counts when the query has none', () => {
  const body = `data=${encodeURIComponent(LZString.compressToBase64(EVENT_JSON))}&compression=lz64`;
  assert.deepEqual(plain(decode(request(body, { contentType: 'application/x-www-form-urlencoded' }))), EVENT);
});

test('a form body sent as text/plain is still recognised by its data= prefix', () => {
  const body = `data=${encodeURIComponent(base64(EVENT_JSON))}`;
  assert.deepEqual(plain(decode(request(body, { contentType: 'text/plain', query: { compression: 'base64' } }))), EVENT);
});

test('a form data field holding raw JSON decodes', () => {
  const body = `data=${encodeURIComponent(EVENT_JSON)}`;
  assert.deepEqual(plain(decode(request(body, { contentType: 'application/x-www-form-urlencoded' }))), EVENT);
});

test('a form body without a data field is refused with 400', () => {
  const error = decodeError(request('foo=bar', { contentType: 'application/x-www-form-urlencoded' }));
  assert.equal(error.status, 400);
  assert.equal(error.code, 'request_decoding_error');
});

test('a bare base64 body flagged ?compression=base64 decodes', () => {
  assert.deepEqual(plain(decode(request(base64(EVENT_JSON), { contentType: 'text/plain', query: { compression: 'base64' } }))), EVENT);
});

test('a bare lz64 body flagged ?compression=lz64 decodes', () => {
  const req = request(LZString.compressToBase64(EVENT_JSON), { contentType: 'text/plain', query: { compression: 'lz64' } });
  assert.deepEqual(plain(decode(req)), EVENT);
});

test('GET ?data=<base64 JSON> with an empty body decodes', () => {
  assert.deepEqual(plain(decode(request(Buffer.alloc(0), { contentType: undefined, query: { data: base64(EVENT_JSON) } }))), EVENT);
});

test('GET ?data=<raw JSON> decodes', () => {
  assert.deepEqual(plain(decode(request(Buffer.alloc(0), { contentType: undefined, query: { data: EVENT_JSON } }))), EVENT);
});

test('GET ?data= with ?compression=lz64 decodes', () => {
  const req = request(Buffer.alloc(0), { contentType: undefined, query: { data: LZString.compressToBase64(EVENT_JSON), compression: 'lz64' } });
  assert.deepEqual(plain(decode(req)), EVENT);
});

test('sendBeacon text/plain JSON decodes', () => {
  assert.deepEqual(plain(decode(request(EVENT_JSON, { contentType: 'text/plain;charset=UTF-8' }))), EVENT);
});

test('base64 data holding gzip is gunzipped too', () => {
  const req = request(Buffer.alloc(0), { contentType: undefined, query: { data: gzipSync(EVENT_JSON).toString('base64') } });
  assert.deepEqual(plain(decode(req)), EVENT);
});

test('lz64 output is capped: a small body that expands quadratically is refused with event_too_big', () => {
  const compressed = LZString.compressToBase64('a'.repeat(2_000_000));
  assert.ok(compressed.length < 10_000);
  const limits = { ...DEFAULT_INGEST_LIMITS, maxDecompressedBytes: 100_000 };
  const req = request(`data=${encodeURIComponent(compressed)}`, { contentType: 'application/x-www-form-urlencoded', query: { compression: 'lz64' } });
  assert.equal(decodeError(req, limits).code, 'event_too_big');
});

test('invalid lz64 data is refused with 400', () => {
  const req = request('data=%%%%', { contentType: 'application/x-www-form-urlencoded', query: { compression: 'lz64' } });
  assert.equal(decodeError(req).status, 400);
});

test('an empty body is refused with 400 empty_batch "request holds no event"', () => {
  for (const body of ['', '   \n', '\ufeff']) {
    const error = decodeError(request(body));
    assert.equal(error.status, 400);
    assert.equal(error.code, 'empty_batch');
    assert.equal(error.detail, 'request holds no event');
  }
  assert.equal(decodeError(request(gzipSync(''), { contentEncoding: 'gzip' })).code, 'empty_batch');
  assert.equal(decodeError(request(Buffer.alloc(0), { query: { data: '' } })).code, 'empty_batch');
});

test('a body above the wire cap is refused with 413', () => {
  const limits = { ...DEFAULT_INGEST_LIMITS, maxWireBytes: 10 };
  assert.equal(decodeError(request(EVENT_JSON), limits).status, 413);
});

test('invalid UTF-8 is refused with 400 "invalid UTF8 in request payload"', () => {
  const body = Buffer.concat([Buffer.from('{"event":"'), Buffer.from([0xff, 0xfe]), Buffer.from('","distinct_id":"u"}')]);
  const error = decodeError(request(body));
  assert.equal(error.status, 400);
  assert.equal(error.detail, 'invalid UTF8 in request payload');
  // UTF-8-encoded surrogates (CESU-style) are invalid UTF-8 too.
  assert.equal(decodeError(request(Buffer.from([0x22, 0xed, 0xa0, 0x80, 0x22]))).status, 400);
});

test('lone surrogate escapes are replaced with U+FFFD before parsing, so the batch survives', () => {
  const value = decode(request('{"event":"e\\ud800","x":"\\udc00y","pair":"\\ud83d\\ude00","escaped":"\\\\ud800"}')) as Record<string, string>;
  assert.equal(value.event, 'e\ufffd');
  assert.equal(value.x, '\ufffdy');
  assert.equal(value.pair, '😀');
  assert.equal(value.escaped, '\\ud800');
  assert.equal(Buffer.from(JSON.stringify(value)).toString('utf8'), JSON.stringify(value));
});

test('a UTF-8 byte order mark before the JSON is stripped', () => {
  assert.deepEqual(plain(decode(request(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(EVENT_JSON)])))), EVENT);
});

test('malformed or truncated JSON is refused with 400 request_parsing_error that does not echo the payload', () => {
  for (const body of ['{"event":"secret-value"', '{"event": secret}', 'not json at all: secret-value']) {
    const error = decodeError(request(body));
    assert.equal(error.status, 400);
    assert.equal(error.code, 'request_parsing_error');
    assert.ok(!error.detail.includes('secret'), error.detail);
  }
});

test('NaN and Infinity literals are not JSON and are refused with 400', () => {
  assert.equal(decodeError(request('{"event":"e","v":NaN}')).code, 'request_parsing_error');
  assert.equal(decodeError(request('{"event":"e","v":Infinity}')).code, 'request_parsing_error');
  assert.equal(decodeError(request('{"event":"e","v":-Infinity}')).code, 'request_parsing_error');
});

test('numbers that overflow to ±Infinity become null', () => {
  const value = decode(request('{"a":1e400,"b":[-1e400,2],"c":{"d":1e999}}'));
  assert.deepEqual(plain(value), { a: null, b: [null, 2], c: { d: null } });
  assert.equal((value as { a: unknown }).a, null);
});

test('integer ids beyond 2^53 survive exactly when sent as strings; such numbers lose precision and become text', () => {
  const value = decode(request('{"distinct_id":"18446744073709551617","n":18446744073709551617,"m":9007199254740991}')) as Record<string, unknown>;
  assert.equal(value.distinct_id, '18446744073709551617');
  assert.equal(value.n, '18446744073709552000');
  assert.equal(value.m, 9007199254740991, 'the largest safe integer stays a number');
});

test('nesting up to maxDepth is accepted and one level more is refused with 400', () => {
  const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
  decode(request(`{"batch":${nested(63)}}`));
  const error = decodeError(request(`{"batch":${nested(64)}}`));
  assert.equal(error.status, 400);
  assert.equal(error.code, 'request_parsing_error');
  assert.match(error.detail, /deeper than 64/);
});

test('a million levels of nesting is refused quickly without overflowing the stack', () => {
  const started = performance.now();
  const error = decodeError(request(gzipSync('['.repeat(1_000_000) + ']'.repeat(1_000_000)), { contentType: 'text/plain' }));
  assert.equal(error.code, 'request_parsing_error');
  assert.ok(performance.now() - started < 1000);
  const objects = '{"a":'.repeat(200_000) + '1' + '}'.repeat(200_000);
  assert.equal(decodeError(request(objects)).code, 'request_parsing_error');
});

test('brackets inside strings do not count as nesting', () => {
  const value = decode(request(JSON.stringify({ s: '['.repeat(100_000), t: 'x\\"[[[' })));
  assert.equal((value as { s: string }).s.length, 100_000);
});

test('duplicate keys: the last one wins', () => {
  assert.deepEqual(plain(decode(request('{"event":"first","event":"second"}'))), { event: 'second' });
});

test('__proto__ and constructor keys stay plain own keys and pollute no prototype', () => {
  const value = decode(request('{"properties":{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}},"list":[{"__proto__":{"x":1}}]}')) as Record<string, any>;
  assert.equal(Object.getPrototypeOf(value), null);
  assert.equal(Object.getPrototypeOf(value.properties), null);
  assert.equal(Object.getPrototypeOf(value.list[0]), null);
  assert.ok(Object.hasOwn(value.properties, '__proto__'));
  assert.deepEqual(plain(value.properties.__proto__), { polluted: true });
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), false);
  assert.match(JSON.stringify(value), /"__proto__":\{"polluted":true\}/);
});

test('arrays keep their array prototype; objects lose theirs when the body names __proto__, and keep it otherwise', () => {
  const hardened = decode(request('{"batch":[{"event":"e","properties":{"__proto__":1}}]}')) as { batch: unknown[] };
  assert.ok(Array.isArray(hardened.batch));
  assert.equal(Object.getPrototypeOf(hardened.batch[0]), null);
  const plainBody = decode(request('{"batch":[{"event":"e"}]}')) as { batch: unknown[] };
  assert.ok(Array.isArray(plainBody.batch));
  assert.equal(Object.getPrototypeOf(plainBody.batch[0]), Object.prototype);
});
