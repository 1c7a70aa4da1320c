/** Starts the canned-answer baseline (baseline-server.ts) in its own process. */
import { forkTs, type BaselineProcess } from '../ingest/processes.js';

/** `cannedBody`: the exact bytes every request gets back. */
export async function startCannedBaseline(cannedBody: string): Promise<BaselineProcess> {
  // forkTs resolves entry points beside bench/ingest's processes.ts.
  const child = forkTs('../flags/baseline-server.ts');
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { port: number }) => resolve(m.port));
    child.once('exit', (code) => reject(new Error(`baseline server exited with ${code}`)));
    child.send({ cannedBody });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
