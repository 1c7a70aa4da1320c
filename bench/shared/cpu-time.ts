/** CPU time of one process and of the whole machine, read from Linux's /proc. */
import fs from 'node:fs';
import path from 'node:path';

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

/** CPU used during a stretch of wall time, as shares of one core: this process (chDB included) and everything else. */
export interface CpuShares {
  ownCpuShare: number | null;
  otherCpuShare: number | null;
}

/**
 * Starts measuring; the returned function ends the stretch and says how busy this process and the others were.
 * Example: const stop = startCpuWindow(); await work(); const { otherCpuShare } = stop();
 */
export function startCpuWindow(): () => CpuShares {
  const wallMs = performance.now();
  const machineStart = machineBusyCpuSec();
  const ownStart = processCpuSec(process.pid);
  return () => {
    const wallSec = (performance.now() - wallMs) / 1000;
    const machine = machineBusyCpuSec();
    const own = processCpuSec(process.pid);
    const ownUsed = own === null || ownStart === null ? null : own - ownStart;
    return {
      ownCpuShare: ownUsed === null ? null : ownUsed / wallSec,
      otherCpuShare: ownUsed === null || machine === null || machineStart === null ? null : (machine - machineStart - ownUsed) / wallSec,
    };
  };
}

/** The installed chDB package's version, for reports. */
export function chdbVersion(): string {
  const file = path.join(import.meta.dirname, '..', '..', 'node_modules', 'chdb', 'package.json');
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
}
