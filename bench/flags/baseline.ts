/** Starts the canned-answer baseline (baseline-server.ts) in its own process. */
import path from 'node:path';
import { startServerProcess, type ServerProcess } from '../shared/server-process.js';

/** `cannedBody`: the exact bytes every request gets back. */
export function startCannedBaseline(cannedBody: string): Promise<ServerProcess> {
  return startServerProcess(path.join(import.meta.dirname, 'baseline-server.ts'), { cannedBody });
}
