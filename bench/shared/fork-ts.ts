/** Forking a TypeScript entry point of the benchmarks as a child process. */
import { fork, type ChildProcess } from 'node:child_process';

/** Forks the file at absolute path `entry` under tsx with an IPC channel; its stdout/stderr go to ours. */
export function forkTs(entry: string, env: Record<string, string> = {}): ChildProcess {
  return fork(entry, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}
