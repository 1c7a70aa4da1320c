/**
 * A bounded map keyed in two steps (a numeric scope such as a project, then a string), least recently set or
 * refreshed entries evicted first. Keyed in two steps so the hot paths that read it (`/flags` on every request) build
 * no composed key string. Past the capacity the growing scope gives up its oldest entry; a scope holding only the
 * entry just added takes the room from the largest scope instead.
 */
export class ScopedLru<V> {
  /** Scope -> key -> value, each map from least to most recently set (or refreshed). */
  private readonly scopes = new Map<number, Map<string, V>>();
  private count = 0;
  constructor(private readonly capacity: number) {}

  /** The value, made the most recent when `refresh` is set. */
  get(scope: number, key: string, refresh = false): V | undefined {
    const entries = this.scopes.get(scope);
    if (entries === undefined) return undefined;
    const value = entries.get(key);
    if (value !== undefined && refresh) {
      entries.delete(key);
      entries.set(key, value);
    }
    return value;
  }

  set(scope: number, key: string, value: V): void {
    let entries = this.scopes.get(scope);
    if (entries === undefined) this.scopes.set(scope, (entries = new Map()));
    if (entries.delete(key)) this.count--;
    entries.set(key, value);
    this.count++;
    if (this.count > this.capacity) this.evictOldest(entries);
  }

  delete(scope: number, key: string): void {
    if (this.scopes.get(scope)?.delete(key)) this.count--;
  }

  clear(): void {
    this.scopes.clear();
    this.count = 0;
  }

  private evictOldest(growing: Map<string, V>): void {
    let from = growing;
    if (from.size <= 1) for (const entries of this.scopes.values()) if (entries.size > from.size) from = entries;
    const oldest = from.keys().next();
    if (oldest.done) return;
    from.delete(oldest.value);
    this.count--;
  }
}
