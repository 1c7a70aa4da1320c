/** Child processes of the benchmark: forking a TypeScript entry point, the baseline server, and per-process CPU time. */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const here = import.meta.dirname;

/** Forks `file` (beside this one) under tsx with an IPC channel; its stdout/stderr go to ours. */
export function forkTs(file: string, env: Record<string, string> = {}): ChildProcess {
  return fork(path.join(here, file), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

export interface BaselineProcess {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** Starts the parse-only baseline server in its own process. */
export async function startBaseline(): Promise<BaselineProcess> {
  const child = forkTs('baseline-server.ts');
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { port: number }) => resolve(m.port));
    child.once('exit', (code) => reject(new Error(`baseline server exited with ${code}`)));
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

/** Linux reports process times in USER_HZ ticks, 100 per second on every mainstream kernel config. */
const TICKS_PER_SEC = 100;

/** User + system CPU a process (all its threads) has used so far, in core-seconds; null where /proc is missing. */
export function processCpuSec(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2 (comm) may contain spaces; the fields after its closing parenthesis are fixed.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SEC;
  } catch {
    return null;
  }
}

/** CPU the whole machine has spent busy so far (all cores, every process), in core-seconds; null where /proc is missing. */
export function machineBusyCpuSec(): number | null {
  try {
    const [, ...ticks] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
    // user nice system idle iowait irq softirq steal: idle and iowait are not busy.
    const busy = ticks.slice(0, 8).reduce((a, b) => a + b, 0) - ticks[3] - ticks[4];
    return busy / TICKS_PER_SEC;
  } catch {
    return null;
  }
}
