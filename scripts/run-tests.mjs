#!/usr/bin/env node
// Runs every test file (*.test.ts, *.int.test.ts) with node's test runner; each file runs in its own process,
// which chDB needs (one embedded ClickHouse per process). Extra arguments filter files by substring.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ensureServerBuilt } from './build-server.mjs';

const roots = ['apps', 'packages', 'tests'];
const filters = process.argv.slice(2);

function collect(dir, out) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) collect(full, out);
    else if (name.endsWith('.test.ts')) out.push(full);
  }
  return out;
}

const files = roots.flatMap((r) => collect(r, [])).filter((f) => filters.length === 0 || filters.some((x) => f.includes(x))).sort();
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
buildWebAppIfStale();
// Tests that start a server start its build (what `npm start` runs): build it once here, not in each test file.
await ensureServerBuilt();
const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files], {
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'test' },
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

/**
 * Browser tests and the bundle budget run against apps/web/dist: rebuild it when any web source is newer than the
 * last build, so a test never passes on a stale app.
 */
function buildWebAppIfStale() {
  // A caller with a build of its own (WARREN_WEB_DIST_DIR) built it itself.
  if (process.env.WARREN_WEB_DIST_DIR) return;
  const built = 'apps/web/dist/index.html';
  const newest = (dir) =>
    readdirSync(dir).reduce((max, name) => {
      if (name === 'node_modules' || name === 'dist') return max;
      const full = path.join(dir, name);
      const stat = statSync(full);
      return Math.max(max, stat.isDirectory() ? newest(full) : stat.mtimeMs);
    }, 0);
  const sources = Math.max(newest('apps/web'), newest('packages/shared'));
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  const result = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', 'apps/web', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
