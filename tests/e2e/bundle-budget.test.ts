import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { test } from 'node:test';

// The built app (run-tests builds it first when its sources changed; `npm install` builds it too).
const dist = process.env.WARREN_WEB_DIST_DIR ?? path.resolve(import.meta.dirname, '..', '..', 'apps', 'web', 'dist');
const SHELL_BUDGET_GZIP_BYTES = 300 * 1024;

interface Chunk {
  file: string;
  isEntry: boolean;
  imports: string[];
  modules: string[];
}

function initialChunks(): Chunk[] {
  const chunks: Chunk[] = JSON.parse(fs.readFileSync(path.join(dist, '.vite', 'chunks.json'), 'utf8'));
  const byFile = new Map(chunks.map((c) => [c.file, c]));
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imported of byFile.get(file)?.imports ?? []) visit(imported);
  };
  for (const entry of chunks.filter((c) => c.isEntry)) visit(entry.file);
  return [...seen].map((f) => byFile.get(f)!);
}

test('the app shell loads under 300 kB of gzipped JavaScript', () => {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const initial = initialChunks();
  // index.html must reference exactly the entry and its static imports, nothing more.
  for (const chunk of initial) assert.ok(html.includes(chunk.file) || !chunk.isEntry, `${chunk.file} is not loaded by index.html`);
  const gzipBytes = initial.reduce((sum, c) => sum + zlib.gzipSync(fs.readFileSync(path.join(dist, c.file)), { level: 9 }).length, 0);
  console.log(`app shell: ${initial.length} chunk(s), ${(gzipBytes / 1024).toFixed(1)} kB gzip (budget 300 kB)`);
  assert.ok(gzipBytes < SHELL_BUDGET_GZIP_BYTES, `shell is ${gzipBytes} bytes gzipped`);
});

test('charts, insights, dashboards and the replay player are loaded lazily, not with the shell', () => {
  const modules = initialChunks().flatMap((c) => c.modules);
  const lazy = [/node_modules\/chart\.js\//, /node_modules\/chartjs-chart-sankey\//, /node_modules\/react-grid-layout\//, /node_modules\/rrweb/, /apps\/web\/src\/insights\//, /apps\/web\/src\/dashboards\//, /apps\/web\/src\/replay\//];
  for (const pattern of lazy) {
    const found = modules.filter((m) => pattern.test(m));
    assert.deepEqual(found, [], `${pattern} must not be in the shell`);
  }
  assert.ok(modules.some((m) => m.includes('apps/web/src/app/AppShell')), 'the shell chunk holds the app frame');
});

test('the server hands gzip and brotli copies of each script to browsers that accept them', () => {
  const entry = initialChunks().find((c) => c.isEntry)!;
  const original = fs.readFileSync(path.join(dist, entry.file));
  assert.deepEqual(zlib.gunzipSync(fs.readFileSync(path.join(dist, `${entry.file}.gz`))), original);
  assert.deepEqual(zlib.brotliDecompressSync(fs.readFileSync(path.join(dist, `${entry.file}.br`))), original);
});
