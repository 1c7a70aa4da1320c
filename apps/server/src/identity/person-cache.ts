import type { PersonRecord } from './person-repository.js';
import { ScopedLru } from './scoped-lru.js';

/**
 * distinct id -> person (or null: known to have none), per project, bounded, least recently used evicted. Several
 * distinct ids share one PersonRecord object, so an update through one id is seen through the others.
 */
export class PersonCache {
  private readonly entries: ScopedLru<PersonRecord | null>;
  constructor(capacity = 200_000) {
    this.entries = new ScopedLru(capacity);
  }

  get(teamId: number, distinctId: string): PersonRecord | null | undefined {
    return this.entries.get(teamId, distinctId, true);
  }

  set(teamId: number, distinctId: string, person: PersonRecord | null): void {
    this.entries.set(teamId, distinctId, person);
  }

  forget(teamId: number, distinctIds: readonly string[]): void {
    for (const id of distinctIds) this.entries.delete(teamId, id);
  }

  clear(): void {
    this.entries.clear();
  }
}
