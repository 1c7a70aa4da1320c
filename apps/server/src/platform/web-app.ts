import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';

/** Where `vite build` puts the web app (apps/web/dist): the workspace package's own folder, from the sources or the build. */
export const WEB_APP_DIR = path.dirname(createRequire(import.meta.url).resolve('@warren/web/package.json'));
export const WEB_DIST_DIR = path.join(WEB_APP_DIR, 'dist');

/**
 * Builds the web app when no build is there yet (a clone whose `npm install` skipped scripts): `npm install` builds
 * it through the root `postinstall`, so this is the first-start fallback. A failed build leaves the API running and
 * the app answering 503 with what to do.
 */
export function ensureWebAppBuilt(logger: Logger, distDir = WEB_DIST_DIR): void {
  if (fs.existsSync(path.join(distDir, 'index.html'))) return;
  logger.info('building the web app (first start)');
  const vite = path.resolve(WEB_APP_DIR, '..', '..', 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--outDir', distDir, '--emptyOutDir', '--logLevel', 'warn'], { cwd: WEB_APP_DIR, stdio: 'inherit' });
  if (result.status !== 0) logger.error('the web app did not build: run `npm run build:web` and restart');
}

/**
 * Serves the web app: hashed assets under `/assets/` (cached for a year: their names change with their content) and
 * `index.html` for any other browser navigation that no API route answered, so deep links like
 * `/project/1/insights/abc` load the app, which routes on the client. API paths never get the page.
 * Returns the not-found fallback for the error handler to call first.
 */
export async function registerWebApp(app: FastifyInstance, distDir = WEB_DIST_DIR): Promise<(request: FastifyRequest, reply: FastifyReply) => boolean> {
  await app.register(fastifyStatic, {
    root: path.join(distDir, 'assets'),
    prefix: '/assets/',
    wildcard: true,
    index: false,
    preCompressed: true,
    immutable: true,
    maxAge: '365d',
    // The directory appears with the first build; a server started before it must still start.
    allowedPath: () => true,
  });
  const indexPath = path.join(distDir, 'index.html');
  return (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    if (request.url.startsWith('/api/') || !(request.headers.accept ?? '').includes('text/html')) return false;
    let html: string;
    try {
      html = fs.readFileSync(indexPath, 'utf8');
    } catch {
      void reply.code(503).type('text/plain').send('The Warren web app is not built yet: run `npm run build:web`, then reload.');
      return true;
    }
    void reply
      .code(200)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('x-frame-options', 'DENY')
      .header('referrer-policy', 'strict-origin-when-cross-origin')
      .send(html);
    return true;
  };
}
