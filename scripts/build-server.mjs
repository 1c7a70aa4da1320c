#!/usr/bin/env node
// Builds what `npm start` runs: the server and its capture worker, each bundled by esbuild from the TypeScript sources
// (Warren's own packages inlined, every npm package left to Node) into apps/server/dist. Run directly it builds
// always (`npm start`'s prestart, about half a second); `ensureServerBuilt()` builds only when a source the last build
// read has changed since, which the tests' spawned servers use.
//
// Why a build instead of running the sources under tsx: the same server costs ~18 % less CPU per /flags request
// bundled (bench:flags, 3 rounds each: 173-175 µs under tsx, 129-150 µs bundled), with or without esbuild's keepNames.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SERVER_DIST_DIR = path.join(root, 'apps', 'server', 'dist');
export const SERVER_ENTRY = path.join(SERVER_DIST_DIR, 'main.mjs');
/**
 * Node's options for the server, in `npm start` and every spawned test server alike (package.json's start script
 * repeats them; server-build.test.ts holds the two equal). The young generation's semi-spaces pinned at 32 MB instead
 * of V8's 16 MB: at a few thousand /flags requests a second the collector scavenged every ~100 ms for 3-4 ms, each
 * pause landing on the requests in flight. A raised maximum alone lets V8 grow the space only when its heuristics
 * say so (in some runs it never did); a pinned size halves the pauses every time, for ~32 MB more memory.
 */
export const SERVER_NODE_OPTIONS = ['--min-semi-space-size=32', '--max-semi-space-size=32'];
const METAFILE = path.join(SERVER_DIST_DIR, 'inputs.json');
const LOCK = path.join(root, 'apps', 'server', '.dist.lock');

/**
 * Builds apps/server/dist/main.mjs, capture-worker-entry.mjs (the worker the capture pool starts next to main) and
 * wal-writer-entry.mjs (the write-ahead log's writer thread).
 */
export async function buildServer() {
  const result = await build({
    entryPoints: {
      main: path.join(root, 'apps/server/src/main.ts'),
      'capture-worker-entry': path.join(root, 'apps/server/src/ingest/capture-worker.ts'),
      'wal-writer-entry': path.join(root, 'apps/server/src/ingest/wal-writer.ts'),
    },
    absWorkingDir: root,
    outdir: SERVER_DIST_DIR,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Not minified, so functions and classes keep their names anyway (esbuild renames only on a clash between two
    // modules' top-level names); keepNames would wrap every closure made per request in a `__name` call (~2 %).
    keepNames: false,
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
    plugins: [npmPackagesExternal],
  });
  // Inputs as paths from the repository root, to tell later whether the build is stale.
  fs.writeFileSync(METAFILE, JSON.stringify(Object.keys(result.metafile.inputs)));
}

/** Every bare import but Warren's own workspace packages stays an import, resolved by Node from node_modules. */
const npmPackagesExternal = {
  name: 'npm-packages-external',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@warren/') ? undefined : { external: true }));
  },
};

/** True when there is no build, or a file the last build read is newer than it (or gone). */
export function serverBuildIsStale() {
  if (!fs.existsSync(SERVER_ENTRY) || !fs.existsSync(METAFILE)) return true;
  const builtAt = fs.statSync(METAFILE).mtimeMs;
  const inputs = JSON.parse(fs.readFileSync(METAFILE, 'utf8'));
  return inputs.some((input) => {
    const stat = fs.statSync(path.resolve(root, input), { throwIfNoEntry: false });
    return !stat || stat.mtimeMs > builtAt;
  });
}

/**
 * Builds when stale. Callers in parallel processes (test files) take turns through a lock file, so none starts a
 * server from a half-written bundle.
 */
export async function ensureServerBuilt() {
  if (!serverBuildIsStale()) return;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      fs.closeSync(fs.openSync(LOCK, 'wx'));
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      // A lock left by a process killed mid-build is older than any build takes.
      const stat = fs.statSync(LOCK, { throwIfNoEntry: false });
      if (stat && Date.now() - stat.mtimeMs > 30_000) fs.rmSync(LOCK, { force: true });
      if (Date.now() > deadline) throw new Error(`could not take ${LOCK}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  try {
    if (serverBuildIsStale()) await buildServer();
  } finally {
    fs.rmSync(LOCK, { force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildServer();
}
