import type { JsonObject } from '../ingest/types.js';

/** A person as the identity step and the persons API see it. */
export interface PersonRecord {
  /** Row id in the meta store (internal). */
  id: number;
  uuid: string;
  teamId: number;
  properties: JsonObject;
  /** Property name -> ISO time of the event that last wrote it. */
  propertiesLastUpdatedAt: Record<string, string>;
  isIdentified: boolean;
  createdAt: string;
  version: number;
}

export interface NewPerson {
  teamId: number;
  uuid: string;
  properties: JsonObject;
  propertiesLastUpdatedAt: Record<string, string>;
  isIdentified: boolean;
  createdAt: string;
  distinctIds: string[];
}

export interface PersonListFilter {
  search?: string;
  distinctId?: string;
  limit: number;
  offset: number;
}

/** Persons and the distinct-id -> person map, per project. */
export interface PersonRepository {
  findByDistinctId(teamId: number, distinctId: string): Promise<PersonRecord | null>;
  findByUuid(teamId: number, uuid: string): Promise<PersonRecord | null>;
  findById(teamId: number, id: number): Promise<PersonRecord | null>;
  create(person: NewPerson): Promise<PersonRecord>;
  /** Saves properties, identified flag, created_at and version of an existing person. */
  update(person: PersonRecord): Promise<void>;
  /** Points `distinctId` at `personId` (adding it, or moving it from another person). */
  setDistinctId(teamId: number, distinctId: string, personId: number, version: number): Promise<void>;
  /** Moves every distinct id of `fromPersonId` to `toPersonId`, returning the ids moved. */
  moveDistinctIds(teamId: number, fromPersonId: number, toPersonId: number, version: number): Promise<string[]>;
  distinctIdsOf(teamId: number, personId: number): Promise<string[]>;
  /** Deletes the person and its distinct ids, returning the ids it had. */
  delete(teamId: number, personId: number): Promise<string[]>;
  list(teamId: number, filter: PersonListFilter): Promise<PersonRecord[]>;
}
