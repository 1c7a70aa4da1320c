import { MAX_GROUP_TYPES, type StoredGroup } from './group-repository.js';
import { ScopedLru } from './scoped-lru.js';

/**
 * (project, group type index, group key) -> the group's properties, bounded, oldest entries evicted first. The
 * identity step, the only writer of groups, offers each group once its chunk is committed, and `/flags` offers what
 * it read from the database; an entry is only ever replaced by a newer version, so a read that raced a commit cannot
 * put older properties back. `/flags` therefore sees a `$groupidentify` as soon as its chunk is committed, with no
 * expiry.
 */
export class GroupCache {
  private readonly entries: ScopedLru<StoredGroup>;
  constructor(capacity = 50_000) {
    this.entries = new ScopedLru(capacity);
  }

  get(teamId: number, groupTypeIndex: number, groupKey: string): StoredGroup | undefined {
    return this.entries.get(scopeOf(teamId, groupTypeIndex), groupKey);
  }

  /** Keeps `group` unless the cache holds a newer version of it. */
  offer(teamId: number, groupTypeIndex: number, groupKey: string, group: StoredGroup): void {
    const scope = scopeOf(teamId, groupTypeIndex);
    const held = this.entries.get(scope, groupKey);
    if (held !== undefined && held.version > group.version) return;
    this.entries.set(scope, groupKey, group);
  }
}

// Group type indexes are below MAX_GROUP_TYPES, so this is one number per (project, type).
const scopeOf = (teamId: number, groupTypeIndex: number): number => teamId * MAX_GROUP_TYPES + groupTypeIndex;
