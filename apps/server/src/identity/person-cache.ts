import type { PersonRecord } from './person-repository.js';

/**
 * distinct id -> person (or null: known to have none), bounded, least recently used evicted (within the project
 * that grows past the bound). Several distinct ids share one PersonRecord object, so an update through one id is
 * seen through the others.
 */
export class PersonCache {
  /** Project -> distinct id -> person, each map from least to most recently used. */
  private readonly projects = new Map<number, Map<string, PersonRecord | null>>();
  private size = 0;
  constructor(private readonly capacity = 200_000) {}

  // Keyed per project rather than by a "team\0id" string: /flags reads this on every request, and a composed key
  // costs a string to build and hash each time.
  get(teamId: number, distinctId: string): PersonRecord | null | undefined {
    const entries = this.projects.get(teamId);
    if (entries === undefined) return undefined;
    const hit = entries.get(distinctId);
    if (hit === undefined) return undefined;
    entries.delete(distinctId);
    entries.set(distinctId, hit);
    return hit;
  }

  set(teamId: number, distinctId: string, person: PersonRecord | null): void {
    let entries = this.projects.get(teamId);
    if (entries === undefined) this.projects.set(teamId, (entries = new Map()));
    if (entries.delete(distinctId)) this.size--;
    entries.set(distinctId, person);
    this.size++;
    if (this.size > this.capacity) this.evictOldest(entries);
  }

  forget(teamId: number, distinctIds: readonly string[]): void {
    const entries = this.projects.get(teamId);
    if (entries === undefined) return;
    for (const id of distinctIds) if (entries.delete(id)) this.size--;
  }

  clear(): void {
    this.projects.clear();
    this.size = 0;
  }

  // The growing project's oldest entry; a project with only the entry just added takes it from the largest one.
  private evictOldest(growing: Map<string, PersonRecord | null>): void {
    let from = growing;
    if (from.size <= 1) for (const entries of this.projects.values()) if (entries.size > from.size) from = entries;
    const oldest = from.keys().next();
    if (oldest.done) return;
    from.delete(oldest.value);
    this.size--;
  }
}
