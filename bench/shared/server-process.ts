/** A baseline HTTP server run in its own process, which reports its port over IPC once it listens. */
import { forkTs } from './fork-ts.js';

export interface ServerProcess {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Forks the server at absolute path `entry`, sends it `init` over IPC when given, and waits for its `{ port }`
 * message. `stop()` sends SIGTERM (if it is still running) and waits for it to exit.
 */
export async function startServerProcess(entry: string, init?: object): Promise<ServerProcess> {
  const child = forkTs(entry);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { port: number }) => resolve(m.port));
    child.once('exit', (code) => reject(new Error(`baseline server exited with ${code}`)));
    if (init !== undefined) child.send(init);
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
