import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';

const SAFE_NAME = /^[a-z0-9][a-z0-9._-]{0,80}\.js$/i;

/**
 * Serves the installed posthog-js bundles, so the snippet (`/static/array.js`) and its lazily loaded extensions
 * (`/static/<version>/posthog-recorder.js`, `/static/surveys.js`, …) need nothing but Warren.
 */
export function registerPosthogJsStatic(app: FastifyInstance): void {
  const dist = path.join(path.dirname(createRequire(import.meta.url).resolve('posthog-js/package.json')), 'dist');
  const send = (name: string, reply: FastifyReply) => {
    if (!SAFE_NAME.test(name)) return reply.code(404).send();
    const file = path.join(dist, name);
    if (!fs.existsSync(file)) return reply.code(404).send();
    return reply
      .header('cache-control', 'public, max-age=3600')
      .header('access-control-allow-origin', '*')
      .type('application/javascript')
      .send(fs.createReadStream(file));
  };
  app.get('/static/:name', (request, reply) => send((request.params as { name: string }).name, reply));
  app.get('/static/:version/:name', (request, reply) => send((request.params as { name: string }).name, reply));
}
