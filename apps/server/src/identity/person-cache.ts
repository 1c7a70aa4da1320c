import type { PersonRecord } from './person-repository.js';

/**
 * distinct id -> person (or null: known to have none), bounded, least recently used evicted. Several distinct ids
 * share one PersonRecord object, so an update through one id is seen through the others.
 */
export class PersonCache {
  private readonly entries = new Map<string, PersonRecord | null>();
  constructor(private readonly capacity = 200_000) {}

  get(teamId: number, distinctId: string): PersonRecord | null | undefined {
    const key = cacheKey(teamId, distinctId);
    const hit = this.entries.get(key);
    if (hit === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit;
  }

  set(teamId: number, distinctId: string, person: PersonRecord | null): void {
    const key = cacheKey(teamId, distinctId);
    this.entries.delete(key);
    this.entries.set(key, person);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  forget(teamId: number, distinctIds: readonly string[]): void {
    for (const id of distinctIds) this.entries.delete(cacheKey(teamId, id));
  }

  clear(): void {
    this.entries.clear();
  }
}

const cacheKey = (teamId: number, distinctId: string): string => `${teamId}\u0000${distinctId}`;
