/** Starts the parse-only baseline (baseline-server.ts) in its own process. */
import path from 'node:path';
import { startServerProcess, type ServerProcess } from '../shared/server-process.js';

export function startBaseline(): Promise<ServerProcess> {
  return startServerProcess(path.join(import.meta.dirname, 'baseline-server.ts'));
}
