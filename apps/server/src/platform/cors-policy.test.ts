import assert from 'node:assert/strict';
import { test } from 'node:test';
import cors from '@fastify/cors';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerCorsPolicy } from './cors-policy.js';

// The policy as it was first written, with a per-request delegator: the oracle the route-config policy must equal.
const SDK_PATH = /^\/(e|i|s|capture|batch|track|engage|flags|decide|array|static)(\/|$|\?)/;
async function withDelegator(app: FastifyInstance): Promise<void> {
  await app.register(cors, {
    delegator: (request, callback) => {
      callback(null, SDK_PATH.test(request.url ?? '') ? { origin: true, credentials: true, optionsSuccessStatus: 200, maxAge: 86400 } : { origin: false });
    },
  });
}

// Warren's route shapes: an asset route declared before CORS, SDK routes, management routes.
async function appWith(policy: (app: FastifyInstance) => Promise<void>): Promise<FastifyInstance> {
  const app = Fastify({ routerOptions: { ignoreTrailingSlash: true } });
  app.get('/assets/*', (_request, reply) => reply.send('asset'));
  await policy(app);
  for (const url of ['/flags', '/decide', '/e', '/i/v0/e', '/batch', '/s']) {
    app.post(url, (_request, reply) => reply.send({ ok: true }));
    app.get(url, (_request, reply) => reply.send({ ok: true }));
  }
  app.get('/array/:token/config', (_request, reply) => reply.send({}));
  app.get('/static/:name', (_request, reply) => reply.send('js'));
  app.get('/api/projects/:id/persons', (_request, reply) => reply.send({ results: [] }));
  app.post('/api/projects/:id/feature_flags', (_request, reply) => reply.send({}));
  app.get('/_health', (_request, reply) => reply.send('ok'));
  await app.ready();
  return app;
}

const ORIGIN = { origin: 'https://shop.example' };
const PREFLIGHT = { ...ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-weird, content-type' };
const requests: { method: 'GET' | 'POST' | 'OPTIONS'; url: string; headers: Record<string, string> }[] = [
  { method: 'POST', url: '/flags/?v=2', headers: ORIGIN },
  { method: 'POST', url: '/flags?v=2', headers: {} },
  { method: 'GET', url: '/decide/?v=3', headers: ORIGIN },
  { method: 'POST', url: '/i/v0/e/', headers: ORIGIN },
  { method: 'POST', url: '/batch', headers: ORIGIN },
  { method: 'GET', url: '/array/phc_x/config', headers: ORIGIN },
  { method: 'GET', url: '/static/array.js', headers: ORIGIN },
  { method: 'OPTIONS', url: '/batch/', headers: PREFLIGHT },
  { method: 'OPTIONS', url: '/flags/?v=2', headers: PREFLIGHT },
  { method: 'OPTIONS', url: '/i/v0/e/?compression=gzip-js', headers: PREFLIGHT },
  { method: 'OPTIONS', url: '/s/', headers: PREFLIGHT },
  { method: 'OPTIONS', url: '/e/', headers: ORIGIN },
  { method: 'OPTIONS', url: '/flags', headers: {} },
  { method: 'GET', url: '/api/projects/1/persons/', headers: ORIGIN },
  { method: 'POST', url: '/api/projects/1/feature_flags/', headers: ORIGIN },
  { method: 'OPTIONS', url: '/api/projects/1/persons/', headers: PREFLIGHT },
  { method: 'GET', url: '/_health', headers: ORIGIN },
  { method: 'GET', url: '/assets/app.js', headers: ORIGIN },
];

const corsHeaders = (headers: Record<string, unknown>) => Object.fromEntries(Object.entries(headers).filter(([name]) => name.startsWith('access-control-')));

test('SDK routes and preflights get the same CORS answers as the per-request delegator; other routes get none', async () => {
  const [oracle, policy] = [await appWith(withDelegator), await appWith(registerCorsPolicy)];
  for (const request of requests) {
    const [expected, actual] = [await oracle.inject(request), await policy.inject(request)];
    const where = `${request.method} ${request.url}`;
    assert.equal(actual.statusCode, expected.statusCode, where);
    assert.deepEqual(corsHeaders(actual.headers), corsHeaders(expected.headers), where);
    if (SDK_PATH.test(request.url)) assert.equal(actual.headers.vary, expected.headers.vary, where);
    else assert.deepEqual(corsHeaders(actual.headers), {}, where);
  }
  const preflight = await policy.inject(requests.find((r) => r.method === 'OPTIONS')!);
  assert.equal(preflight.headers['access-control-allow-origin'], 'https://shop.example', 'the cases above include a granted preflight');
  await Promise.all([oracle.close(), policy.close()]);
});
