/**
 * Counts failed logins per key (an IP address, an email) in memory and says how long a key must wait once it has
 * failed too often within the window. One process's memory is enough: a restart forgives, which costs an attacker
 * a restart they cannot cause.
 */
export class FailureThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly options: { maxFailures: number; windowMs: number; maxKeys?: number },
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until every key may try again; 0 when none is blocked. */
  waitMs(keys: readonly string[]): number {
    const now = this.now();
    let wait = 0;
    for (const key of keys) {
      const times = this.recent(key, now);
      if (times.length >= this.options.maxFailures) wait = Math.max(wait, times[times.length - this.options.maxFailures] + this.options.windowMs - now);
    }
    return wait;
  }

  fail(keys: readonly string[]): void {
    const now = this.now();
    for (const key of keys) {
      const times = this.recent(key, now);
      times.push(now);
      // Only the last maxFailures times decide anything.
      if (times.length > this.options.maxFailures) times.splice(0, times.length - this.options.maxFailures);
      this.failures.delete(key);
      this.failures.set(key, times);
    }
    this.bound(now);
  }

  /** Forgets a key's failures (a successful login forgives its email, not its IP). */
  forgive(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => t > now - this.options.windowMs);
  }

  /** Keeps memory bounded under a flood of distinct keys: drop expired keys, then the least recently failed. */
  private bound(now: number): void {
    const maxKeys = this.options.maxKeys ?? 100_000;
    if (this.failures.size <= maxKeys) return;
    for (const [key, times] of this.failures) if (times[times.length - 1] <= now - this.options.windowMs) this.failures.delete(key);
    for (const key of this.failures.keys()) {
      if (this.failures.size <= maxKeys) break;
      this.failures.delete(key);
    }
  }
}
