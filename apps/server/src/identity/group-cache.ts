import { MAX_GROUP_TYPES, type StoredGroup } from './group-repository.js';

/**
 * (project, group type index, group key) -> the group's properties, bounded, oldest entries evicted first. The
 * identity step, the only writer of groups, offers each group once its chunk is committed, and `/flags` offers what it read from
 * the database; an entry is only ever replaced by a newer version, so a read that raced a commit cannot put older
 * properties back. `/flags` therefore sees a `$groupidentify` as soon as its chunk is committed, with no expiry.
 */
export class GroupCache {
  /** (project, type index) scope -> group key -> entry, each map from least to most recently offered. */
  private readonly scopes = new Map<number, Map<string, StoredGroup>>();
  private size = 0;
  constructor(private readonly capacity = 50_000) {}

  // Keyed in two steps, so no composed key string is built on /flags' hot path.
  get(teamId: number, groupTypeIndex: number, groupKey: string): StoredGroup | undefined {
    return this.scopes.get(scopeOf(teamId, groupTypeIndex))?.get(groupKey);
  }

  /** Keeps `group` unless the cache holds a newer version of it. */
  offer(teamId: number, groupTypeIndex: number, groupKey: string, group: StoredGroup): void {
    const scope = scopeOf(teamId, groupTypeIndex);
    let entries = this.scopes.get(scope);
    if (entries === undefined) this.scopes.set(scope, (entries = new Map()));
    const held = entries.get(groupKey);
    if (held !== undefined) {
      if (held.version > group.version) return;
      entries.delete(groupKey);
      this.size--;
    }
    entries.set(groupKey, group);
    this.size++;
    if (this.size > this.capacity) this.evictOldest(entries);
  }

  // The growing scope's oldest entry; a scope holding only the entry just added gives up the largest scope's oldest.
  private evictOldest(growing: Map<string, StoredGroup>): void {
    let from = growing;
    if (from.size <= 1) for (const entries of this.scopes.values()) if (entries.size > from.size) from = entries;
    const oldest = from.keys().next();
    if (oldest.done) return;
    from.delete(oldest.value);
    this.size--;
  }
}

// Group type indexes are below MAX_GROUP_TYPES, so this is one number per (project, type).
const scopeOf = (teamId: number, groupTypeIndex: number): number => teamId * MAX_GROUP_TYPES + groupTypeIndex;
