import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ensureServerBuilt, SERVER_ENTRY, SERVER_NODE_OPTIONS } from '../../scripts/build-server.mjs';

export const TEST_PROJECT_TOKEN = 'phc_warrenTestProjectToken000000000001';
export const TEST_PERSONAL_API_KEY = 'phx_warrenTestPersonalKey00000000000000000001';
export const TEST_PROJECT_SECRET_KEY = 'phs_warrenTestProjectSecretKey0000000000001';

export interface WarrenProcess {
  url: string;
  port: number;
  dataDir: string;
  token: string;
  personalApiKey: string;
  child: ChildProcess;
  /** Everything the server printed. */
  output(): string;
  /** SIGTERM and wait for a clean exit. */
  stop(): Promise<void>;
  /** SIGKILL, no shutdown work at all. */
  kill(): Promise<void>;
}

export interface SpawnOptions {
  dataDir?: string;
  port?: number;
  env?: Record<string, string>;
  /** Node's arguments instead of the build's entry point (benchmarks comparing two builds, or the sources under tsx). */
  serverArgs?: string[];
}

const repoRoot = path.resolve(import.meta.dirname, '..', '..');

/** Starts `npm start`'s server as a child process on loopback with a fresh (or given) data dir; resolves when ready. */
export async function spawnWarren(options: SpawnOptions = {}): Promise<WarrenProcess> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'warren-test-'));
  const port = options.port ?? (await freePort());
  // What `npm start` runs: the server's build, rebuilt first when a source changed since.
  if (!options.serverArgs) await ensureServerBuilt();
  const child = spawn(process.execPath, options.serverArgs ?? [...SERVER_NODE_OPTIONS, SERVER_ENTRY], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/root',
      PORT: String(port),
      HOST: '127.0.0.1',
      WARREN_DATA_DIR: dataDir,
      WARREN_BOOTSTRAP_PROJECT_TOKEN: TEST_PROJECT_TOKEN,
      WARREN_BOOTSTRAP_PERSONAL_API_KEY: TEST_PERSONAL_API_KEY,
      WARREN_BOOTSTRAP_PROJECT_SECRET_KEY: TEST_PROJECT_SECRET_KEY,
      WARREN_BOOTSTRAP_EMAIL: 'owner@example.com',
      WARREN_FLUSH_INTERVAL_MS: '100',
      WARREN_LOG_LEVEL: 'warn',
      // A build of the web app of the test's own (see tests/support/web-app.ts), else apps/web/dist.
      ...(process.env.WARREN_WEB_DIST_DIR ? { WARREN_WEB_DIST_DIR: process.env.WARREN_WEB_DIST_DIR } : {}),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  await waitForReady(url, child, () => output);
  return {
    url,
    port,
    dataDir,
    token: TEST_PROJECT_TOKEN,
    personalApiKey: TEST_PERSONAL_API_KEY,
    child,
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
    async kill() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

async function waitForReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`warren exited with ${child.exitCode}:\n${output()}`);
    try {
      const res = await fetch(`${url}/_ready`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`warren did not become ready:\n${output()}`);
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}
