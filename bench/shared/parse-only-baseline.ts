/** Starts the parse-only baseline (parse-only-server.ts) in its own process. */
import path from 'node:path';
import { startServerProcess, type ServerProcess } from './server-process.js';

export function startParseOnlyBaseline(): Promise<ServerProcess> {
  return startServerProcess(path.join(import.meta.dirname, 'parse-only-server.ts'));
}
