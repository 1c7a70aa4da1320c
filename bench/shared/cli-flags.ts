/** The benchmarks' command-line flags: `--name=value`, anything not starting with `--` ignored. */

export interface CliFlags {
  /** `--name=N` as a number (unchecked), or `fallback` when the flag is absent. */
  number(name: string, fallback: number): number;
  /** `--name=N` as a number, or `fallback` when absent; throws unless it is a finite number above 0. */
  positiveNumber(name: string, fallback: number): number;
  /** `--name=a,b,c` as a set, or null when the flag is absent. */
  list(name: string): Set<string> | null;
  /** `--name=value` as given, or null when the flag is absent. */
  string(name: string): string | null;
}

export function parseCliFlags(argv: string[]): CliFlags {
  const flags = new Map(argv.filter((a) => a.startsWith('--')).map((a) => [a.slice(2).split('=')[0], a.slice(a.indexOf('=') + 1)]));
  const number = (name: string, fallback: number) => (flags.has(name) ? Number(flags.get(name)) : fallback);
  return {
    number,
    positiveNumber(name, fallback) {
      const value = number(name, fallback);
      if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
      return value;
    },
    list: (name) => (flags.has(name) ? new Set(flags.get(name)!.split(',')) : null),
    string: (name) => flags.get(name) ?? null,
  };
}

/** The flags both benchmarks take: `--connections=64 --warmup=2 --duration=10 --only=a,b --cpu-prof=DIR`. */
export interface LoadFlags {
  connections: number;
  warmupSec: number;
  durationSec: number;
  only: Set<string> | null;
  cpuProfDir: string | null;
}

/** Reads the `LoadFlags` from `flags`, the numbers through `num` (`flags.number` unless given). */
export function readLoadFlags(flags: CliFlags, num: (name: string, fallback: number) => number = flags.number): LoadFlags {
  return {
    connections: num('connections', 64),
    warmupSec: num('warmup', 2),
    durationSec: num('duration', 10),
    only: flags.list('only'),
    cpuProfDir: flags.string('cpu-prof'),
  };
}
