import type { JsonObject } from '../ingest/types.js';
import type { PersonCache } from './person-cache.js';
import type { PersonRecord, PersonRepository } from './person-repository.js';
import { personUuidFor } from './person-uuid.js';
import { nextVersion, type IdentityOutput } from './identity-output.js';

/**
 * The person reads and writes of one chunk of events: reads go through the cache, writes go to the repository at
 * once (inside the chunk's transaction), and changed persons are collected to be mirrored into the event store.
 */
export class IdentityUnitOfWork {
  private readonly dirty = new Set<PersonRecord>();

  constructor(
    private readonly repo: PersonRepository,
    private readonly cache: PersonCache,
    readonly out: IdentityOutput,
  ) {}

  /** The person of a distinct id as the cache knows it (null: it has none), undefined when only the store can tell. */
  cached(teamId: number, distinctId: string): PersonRecord | null | undefined {
    return this.cache.get(teamId, distinctId);
  }

  async find(teamId: number, distinctId: string): Promise<PersonRecord | null> {
    const cached = this.cached(teamId, distinctId);
    if (cached !== undefined) return cached;
    const person = await this.repo.findByDistinctId(teamId, distinctId);
    this.cache.set(teamId, distinctId, person);
    return person;
  }

  async findOrCreate(teamId: number, distinctId: string, timestamp: string): Promise<PersonRecord> {
    return (await this.find(teamId, distinctId)) ?? (await this.create(teamId, distinctId, timestamp, false));
  }

  async create(teamId: number, distinctId: string, timestamp: string, isIdentified: boolean): Promise<PersonRecord> {
    const person = await this.repo.create({
      teamId,
      uuid: personUuidFor(teamId, distinctId),
      properties: Object.create(null) as JsonObject,
      propertiesLastUpdatedAt: Object.create(null) as Record<string, string>,
      isIdentified,
      createdAt: timestamp,
      distinctIds: [distinctId],
    });
    this.cache.set(teamId, distinctId, person);
    this.markDirty(person);
    return person;
  }

  /** Points a further distinct id at `person`; its earlier events are remapped through an override. */
  async addDistinctId(person: PersonRecord, distinctId: string): Promise<void> {
    const version = nextVersion();
    await this.repo.setDistinctId(person.teamId, distinctId, person.id, version);
    this.cache.set(person.teamId, distinctId, person);
    this.override(person, distinctId, version);
  }

  /** Moves everything of `other` into `target` (target's properties win) and deletes `other`. */
  async mergeInto(other: PersonRecord, target: PersonRecord): Promise<void> {
    const version = nextVersion();
    for (const key of Object.keys(other.properties)) {
      if (key in target.properties) continue;
      target.properties[key] = other.properties[key];
      const at = other.propertiesLastUpdatedAt[key];
      if (at !== undefined) target.propertiesLastUpdatedAt[key] = at;
    }
    if (other.createdAt < target.createdAt) target.createdAt = other.createdAt;
    const moved = await this.repo.moveDistinctIds(other.teamId, other.id, target.id, version);
    await this.repo.delete(other.teamId, other.id);
    for (const id of moved) {
      this.cache.set(target.teamId, id, target);
      this.override(target, id, version);
    }
    this.dirty.delete(other);
    this.out.persons.push(personRow(other, 1, other.version + 1));
    this.markDirty(target);
  }

  markDirty(person: PersonRecord): void {
    this.dirty.add(person);
  }

  warn(teamId: number, type: string, details: JsonObject, timestamp: string): void {
    this.out.warnings.push({ team_id: teamId, source: 'identity', type, details: JSON.stringify(details), timestamp });
  }

  /** Saves every changed person and mirrors it into the output. */
  async commit(): Promise<void> {
    for (const person of this.dirty) {
      person.version += 1;
      await this.repo.update(person);
      this.out.persons.push(personRow(person, 0, person.version));
    }
    this.dirty.clear();
  }

  private override(person: PersonRecord, distinctId: string, version: number): void {
    this.out.overrides.push({ team_id: person.teamId, distinct_id: distinctId, person_id: person.uuid, is_deleted: 0, version });
  }
}

function personRow(person: PersonRecord, isDeleted: number, version: number) {
  return {
    team_id: person.teamId,
    id: person.uuid,
    created_at: person.createdAt,
    properties: JSON.stringify(person.properties),
    is_identified: person.isIdentified ? 1 : 0,
    is_deleted: isDeleted,
    version,
  };
}
