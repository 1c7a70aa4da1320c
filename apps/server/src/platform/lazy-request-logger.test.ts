import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import pino from 'pino';
import { lazyRequestLogger } from './lazy-request-logger.js';

function capturingLogger(level: string) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n')) if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const logger = pino({ level, redact: { paths: ['*.token'], censor: '[redacted]' } }, sink);
  let children = 0;
  const child = logger.child.bind(logger);
  logger.child = ((...args: Parameters<typeof logger.child>) => {
    children++;
    return child(...args);
  }) as typeof logger.child;
  return { logger, lines, children: () => children };
}

test('a request that logs nothing builds no child logger; one that logs gets its request id and redaction', async () => {
  const { logger, lines, children } = capturingLogger('info');
  const app = Fastify({ loggerInstance: logger as FastifyBaseLogger, disableRequestLogging: true, childLoggerFactory: lazyRequestLogger });
  app.get('/quiet', async () => ({ ok: true }));
  app.get('/loud', async (request) => {
    request.log.info({ body: { token: 'phx_secret' } }, 'first');
    request.log.debug('below the level');
    request.log.warn('second');
    return { ok: true };
  });
  await app.ready();
  const before = children();
  for (let i = 0; i < 5; i++) assert.equal((await app.inject({ method: 'GET', url: '/quiet' })).statusCode, 200);
  assert.equal(children(), before, 'no child made for requests that log nothing');
  assert.equal((await app.inject({ method: 'GET', url: '/loud' })).statusCode, 200);
  assert.equal(children(), before + 1, 'one child for the request that logged, reused for its second line');
  const logged = lines.filter((l) => l.msg === 'first' || l.msg === 'second');
  assert.deepEqual(logged.map((l) => [l.msg, l.level]), [['first', 30], ['second', 40]]);
  assert.ok(typeof logged[0].reqId === 'string' && logged[0].reqId === logged[1].reqId, 'both lines carry the request id');
  assert.deepEqual(logged[0].body, { token: '[redacted]' });
  await app.close();
});

test('the lazy logger reports its level without building the child, and honours a route log level', async () => {
  const { logger, lines } = capturingLogger('info');
  const app = Fastify({ loggerInstance: logger as FastifyBaseLogger, disableRequestLogging: true, childLoggerFactory: lazyRequestLogger });
  let level = '';
  let levelAfterSet = '';
  app.get('/level', { logLevel: 'warn' }, async (request) => {
    level = request.log.level;
    request.log.info('suppressed by the route level');
    request.log.error('kept');
    request.log.level = 'fatal';
    levelAfterSet = request.log.level;
    request.log.error('suppressed by the level set on the request');
    return {};
  });
  await app.inject({ method: 'GET', url: '/level' });
  assert.equal(level, 'warn');
  assert.equal(levelAfterSet, 'fatal', 'a level set on the request logger is the one it reports');
  assert.deepEqual(lines.map((l) => l.msg), ['kept']);
  await app.close();
});
