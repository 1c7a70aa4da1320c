/**
 * The flags fast lane (apps/server/src/flags/flags-fast-lane.ts) answers `POST /flags` before Fastify. Two apps over
 * the same stores — one with the fast lane, one without — get the same requests over real HTTP: every answer must be
 * the same status, headers and body (the request id and evaluation time aside), and the Fastify route of the first
 * must never have run for a POST to /flags.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { buildApp } from '../../apps/server/src/app.js';
import { DEFAULT_INGEST_LIMITS } from '../../apps/server/src/ingest/limits.js';
import { loadConfig } from '../../apps/server/src/platform/config.js';
import { createLogger } from '../../apps/server/src/platform/logger.js';
import { startWarren, type Warren } from '../../apps/server/src/runtime.js';

const TOKEN = 'phc_fastLaneTestProjectToken0000000001';
const PERSONAL_KEY = 'phx_fastLaneTestPersonalKey000000000000001';
const LIMITS = { ...DEFAULT_INGEST_LIMITS, maxWireBytes: 64 * 1024 };

let warren: Warren;
let withLane: FastifyInstance;
let withoutLane: FastifyInstance;
let laneUrl: string;
let fastifyUrl: string;
let fastifyFlagsPosts = 0;

before(async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'warren-fast-lane-'));
  const config = loadConfig({
    WARREN_DATA_DIR: dataDir,
    WARREN_BOOTSTRAP_PROJECT_TOKEN: TOKEN,
    WARREN_BOOTSTRAP_PERSONAL_API_KEY: PERSONAL_KEY,
    WARREN_BOOTSTRAP_EMAIL: 'owner@example.com',
    WARREN_LOG_LEVEL: 'silent',
    WARREN_INGEST_WORKERS: '0',
  });
  warren = await startWarren(config, createLogger('silent'));
  const countFlagsPosts = (route: RouteOptions) => {
    if (route.url !== '/flags' || ![route.method].flat().includes('POST')) return;
    const handler = route.handler;
    route.handler = function (this: FastifyInstance, request, reply) {
      fastifyFlagsPosts++;
      return handler.call(this, request, reply);
    };
  };
  withLane = await buildApp({ ...warren.deps, limits: LIMITS, onRoute: countFlagsPosts });
  withoutLane = await buildApp({ ...warren.deps, limits: LIMITS, flagsFastLane: false });
  laneUrl = await withLane.listen({ port: 0, host: '127.0.0.1' });
  fastifyUrl = await withoutLane.listen({ port: 0, host: '127.0.0.1' });
  const flags = [
    { key: 'half', filters: { groups: [{ properties: [], rollout_percentage: 50 }] } },
    {
      key: 'plans',
      filters: {
        groups: [{ properties: [{ key: 'plan', type: 'person', operator: 'exact', value: ['pro'] }], rollout_percentage: 100 }],
        multivariate: { variants: [{ key: 'a', rollout_percentage: 50 }, { key: 'b', rollout_percentage: 50 }] },
        payloads: { a: '{"color":"red"}', b: '"blue"' },
      },
    },
    { key: 'off', active: false, filters: { groups: [{ properties: [], rollout_percentage: 100 }] } },
  ];
  for (const flag of flags) {
    const res = await fetch(`${fastifyUrl}/api/projects/1/feature_flags/`, {
      method: 'POST',
      headers: { authorization: `Bearer ${PERSONAL_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify(flag),
    });
    assert.equal(res.status, 201, await res.text());
  }
});

after(async () => {
  await withLane?.close();
  await withoutLane?.close();
  await warren?.close();
});

interface Exchange {
  status: number;
  headers: Record<string, string>;
  body: string;
}

async function exchange(base: string, pathAndQuery: string, init: { body: string | Buffer; headers?: Record<string, string> }): Promise<Exchange> {
  const res = await fetch(base + pathAndQuery, { method: 'POST', headers: init.headers, body: typeof init.body === 'string' ? init.body : new Uint8Array(init.body) });
  const headers: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    if (name !== 'date') headers[name] = value;
  });
  const body = (await res.text()).replace(/"requestId":"[0-9a-f-]{36}"/, '"requestId":"…"').replace(/"evaluatedAt":\d+/, '"evaluatedAt":0');
  return { status: res.status, headers, body };
}

const json = (value: unknown) => JSON.stringify(value);
const ask = { token: TOKEN, distinct_id: 'user-1', person_properties: { plan: 'pro' } };
const cases: [string, string, { body: string | Buffer; headers?: Record<string, string> }][] = [
  ['v2 JSON', '/flags/?v=2', { body: json(ask), headers: { 'content-type': 'application/json' } }],
  ['v2 without the trailing slash, from a page', '/flags?v=2', { body: json(ask), headers: { 'content-type': 'application/json', origin: 'https://shop.example' } }],
  ['v2 with the remote config', '/flags/?v=2&config=true', { body: json(ask), headers: { 'content-type': 'application/json' } }],
  ['v1 shape', '/flags/', { body: json(ask), headers: { 'content-type': 'application/json' } }],
  ['gzip by header', '/flags/?v=2', { body: gzipSync(json(ask)), headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } }],
  ['gzip-js by query, as text/plain', '/flags/?v=2&compression=gzip-js', { body: gzipSync(json(ask)), headers: { 'content-type': 'text/plain' } }],
  ['base64 form', '/flags/?v=2', { body: `data=${encodeURIComponent(Buffer.from(json(ask)).toString('base64'))}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } }],
  ['token in the query', `/flags/?v=2&token=${TOKEN}`, { body: json({ distinct_id: 'user-2' }), headers: { 'content-type': 'application/json' } }],
  ['only some keys', '/flags/?v=2', { body: json({ ...ask, flag_keys_to_evaluate: ['plans'] }), headers: { 'content-type': 'application/json' } }],
  ['flags disabled', '/flags/?v=2&config=true', { body: json({ ...ask, disable_flags: true }), headers: { 'content-type': 'application/json' } }],
  ['unknown token', '/flags/?v=2', { body: json({ ...ask, token: 'phc_nobody' }), headers: { 'content-type': 'application/json', origin: 'https://shop.example' } }],
  ['no token', '/flags/?v=2', { body: json({ distinct_id: 'user-1' }), headers: { 'content-type': 'application/json' } }],
  ['no distinct id', '/flags/?v=2', { body: json({ token: TOKEN }), headers: { 'content-type': 'application/json' } }],
  ['malformed JSON', '/flags/?v=2', { body: '{"token": ', headers: { 'content-type': 'application/json' } }],
  ['empty body', '/flags/?v=2', { body: '', headers: { 'content-type': 'application/json' } }],
  ['too large', '/flags/?v=2', { body: json({ ...ask, padding: 'x'.repeat(80 * 1024) }), headers: { 'content-type': 'application/json' } }],
];

for (const [name, pathAndQuery, init] of cases) {
  test(`the fast lane answers like the Fastify route: ${name}`, async () => {
    const before = fastifyFlagsPosts;
    const lane = await exchange(laneUrl, pathAndQuery, init);
    const reference = await exchange(fastifyUrl, pathAndQuery, init);
    assert.deepEqual(lane, reference);
    assert.equal(fastifyFlagsPosts, before, 'the POST went through Fastify, not the fast lane');
  });
}

test('the answers carry what was asked (the comparison above is not between two empty answers)', async () => {
  const { status, body } = await exchange(laneUrl, '/flags/?v=2', { body: json(ask), headers: { 'content-type': 'application/json' } });
  assert.equal(status, 200);
  const flags = JSON.parse(body).flags;
  // Inactive flags are left out, as PostHog leaves them out.
  assert.deepEqual(Object.keys(flags).sort(), ['half', 'plans']);
  assert.equal(flags.plans.enabled, true);
  assert.ok(['a', 'b'].includes(flags.plans.variant));
});

test('GET /flags and POST /decide still go to Fastify, and the fast lane counts its requests in /_metrics', async () => {
  const get = await fetch(`${laneUrl}/flags/?v=2&data=${encodeURIComponent(Buffer.from(json(ask)).toString('base64'))}`);
  assert.equal(get.status, 200);
  const decide = await fetch(`${laneUrl}/decide/?v=3`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: json(ask) });
  assert.equal(decide.status, 200);
  assert.ok('featureFlags' in (await decide.json()));
  const metrics = await (await fetch(`${laneUrl}/_metrics`)).text();
  const count = /warren_http_request_duration_seconds_count\{[^}]*method="POST"[^}]*route="\/flags"[^}]*status="200"[^}]*\} (\d+)/.exec(metrics);
  assert.ok(count && Number(count[1]) > 0, 'no POST /flags 200 in the HTTP histogram');
});

test('a client that goes away mid-body costs the lane nothing: the next request is answered', async () => {
  const { port } = new URL(laneUrl);
  await new Promise<void>((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1', () => {
      socket.write('POST /flags/?v=2 HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"token":');
      setTimeout(() => {
        socket.destroy();
        resolve();
      }, 50);
    });
    socket.on('error', reject);
  });
  const { status } = await exchange(laneUrl, '/flags/?v=2', { body: json(ask), headers: { 'content-type': 'application/json' } });
  assert.equal(status, 200);
});
