import type { JsonObject } from '../ingest/types.js';
import type { PersonRecord } from './person-repository.js';

export interface PersonPropertyUpdate {
  set: JsonObject | null;
  setOnce: JsonObject | null;
  unset: string[];
  /** Event time (ISO); a write older than the last write of the same key is ignored. */
  timestamp: string;
}

/**
 * Applies $set / $set_once / $unset to a person in place, last write by event time winning; returns true when
 * anything changed. Example: applyPersonUpdate(p, {set:{plan:'pro'}, setOnce:null, unset:[], timestamp}) -> true.
 */
export function applyPersonUpdate(person: PersonRecord, update: PersonPropertyUpdate): boolean {
  let changed = false;
  const last = person.propertiesLastUpdatedAt;
  for (const key of Object.keys(update.setOnce ?? {})) {
    if (key in person.properties) continue;
    person.properties[key] = update.setOnce![key];
    last[key] = update.timestamp;
    changed = true;
  }
  for (const key of Object.keys(update.set ?? {})) {
    if (last[key] !== undefined && last[key] > update.timestamp) continue;
    const value = update.set![key];
    if (key in person.properties && sameJson(person.properties[key], value)) {
      last[key] = update.timestamp;
      continue;
    }
    person.properties[key] = value;
    last[key] = update.timestamp;
    changed = true;
  }
  for (const key of update.unset) {
    if (!(key in person.properties)) continue;
    if (last[key] !== undefined && last[key] > update.timestamp) continue;
    delete person.properties[key];
    delete last[key];
    changed = true;
  }
  return changed;
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}
