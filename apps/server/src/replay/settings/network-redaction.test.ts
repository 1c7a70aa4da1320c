import assert from 'node:assert/strict';
import { test } from 'node:test';
import { REDACTED, redactNetworkEvents } from './network-redaction.js';

const networkEvent = (requests: unknown[]) => ({ type: 6, timestamp: 1_700_000_000_000, data: { plugin: 'rrweb/network@1', payload: { requests } } });

const request = {
  name: 'https://shop.example/api/login',
  method: 'POST',
  status: 200,
  requestHeaders: { 'Content-Type': 'application/json', 'X-Api-Key': 'k-123' },
  responseHeaders: { 'x-session-token': 's-456', 'cache-control': 'no-store' },
  requestBody: JSON.stringify({ email: 'a@b.c', Password: 'hunter2', nested: [{ card: { cvc: '123', last4: '4242' } }] }),
  responseBody: '{"token":"t-789","ok":true}',
};

test('redacted headers and JSON body keys are replaced at any depth, ignoring case; the rest is kept', () => {
  const [out] = redactNetworkEvents([networkEvent([request])], { headers: ['x-api-key', 'X-Session-Token'], bodyKeys: ['password', 'CVC', 'token'] }) as ReturnType<typeof networkEvent>[];
  const r = out.data.payload.requests[0] as typeof request;
  assert.deepEqual(r.requestHeaders, { 'Content-Type': 'application/json', 'X-Api-Key': REDACTED });
  assert.deepEqual(r.responseHeaders, { 'x-session-token': REDACTED, 'cache-control': 'no-store' });
  assert.deepEqual(JSON.parse(r.requestBody), { email: 'a@b.c', Password: REDACTED, nested: [{ card: { cvc: REDACTED, last4: '4242' } }] });
  assert.deepEqual(JSON.parse(r.responseBody), { token: REDACTED, ok: true });
  assert.equal(r.name, request.name);
  assert.equal(out.timestamp, 1_700_000_000_000);
  assert.ok(!JSON.stringify(out).includes('hunter2') && !JSON.stringify(out).includes('k-123') && !JSON.stringify(out).includes('t-789'));
});

test('recorded header and body keys named __proto__ are kept as keys, and redacted like any other', () => {
  const hostile = {
    ...request,
    requestHeaders: JSON.parse('{"__proto__": {"x": 1}, "X-Api-Key": "k-123"}'),
    requestBody: '{"__proto__": {"password": "hunter2", "keep": 1}, "constructor": "c"}',
  };
  const [out] = redactNetworkEvents([networkEvent([hostile])], { headers: ['x-api-key'], bodyKeys: ['password'] }) as ReturnType<typeof networkEvent>[];
  const r = out.data.payload.requests[0] as typeof request;
  assert.deepEqual(r.requestHeaders, JSON.parse(`{"__proto__": {"x": 1}, "X-Api-Key": "${REDACTED}"}`));
  assert.deepEqual(JSON.parse(r.requestBody), JSON.parse('{"__proto__": {"password": "[REDACTED]", "keep": 1}, "constructor": "c"}'.replace('[REDACTED]', REDACTED)));
  assert.ok(!JSON.stringify(out).includes('hunter2'));
});

test('the input is not changed, and without rules the very same array comes back', () => {
  const events = [networkEvent([request])];
  const before = JSON.stringify(events);
  redactNetworkEvents(events, { headers: ['x-api-key'], bodyKeys: ['password'] });
  assert.equal(JSON.stringify(events), before);
  assert.equal(redactNetworkEvents(events, { headers: [], bodyKeys: [] }), events);
});

test('bodies that are not JSON, other plugins and other events pass untouched', () => {
  const form = { ...request, requestBody: 'password=hunter2', responseBody: '{not json' };
  const console = { type: 6, timestamp: 1, data: { plugin: 'rrweb/console@1', payload: { level: 'log', payload: ['{"password":"x"}'] } } };
  const incremental = { type: 3, timestamp: 2, data: { source: 2, type: 2, id: 5 } };
  const out = redactNetworkEvents([networkEvent([form]), console, incremental, null, 'text'], { headers: [], bodyKeys: ['password'] });
  assert.deepEqual((out[0] as ReturnType<typeof networkEvent>).data.payload.requests[0], form);
  assert.equal(out[1], console);
  assert.equal(out[2], incremental);
  assert.deepEqual(out.slice(3), [null, 'text']);
});

test('malformed network payloads do not throw, and a hostile deeply nested body is replaced whole', () => {
  const odd = [{ type: 6, data: { plugin: 'rrweb/network@1' } }, { type: 6, data: { plugin: 'rrweb/network@1', payload: { requests: 'x' } } }, networkEvent([null, 5])];
  assert.deepEqual(redactNetworkEvents(odd, { headers: ['a'], bodyKeys: ['b'] }), odd);
  const deep = '['.repeat(100_000) + ']'.repeat(100_000);
  const [out] = redactNetworkEvents([networkEvent([{ requestBody: deep }])], { headers: [], bodyKeys: ['password'] }) as ReturnType<typeof networkEvent>[];
  assert.ok(!(out.data.payload.requests[0] as { requestBody: string }).requestBody.includes('['.repeat(100)));
});
