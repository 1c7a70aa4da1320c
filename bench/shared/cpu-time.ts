/** CPU time of one process and of the whole machine, read from Linux's /proc. */
import fs from 'node:fs';

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
