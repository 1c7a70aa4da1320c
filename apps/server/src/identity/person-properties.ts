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
 * anything changed. Keys are clients' text, so a person's maps are read by own keys only (`constructor` is a
 * property name, not Object's). Example: applyPersonUpdate(p, {set:{plan:'pro'}, setOnce:null, unset:[], timestamp}) -> true.
 */
export function applyPersonUpdate(person: PersonRecord, update: PersonPropertyUpdate): boolean {
  let changed = false;
  const last = person.propertiesLastUpdatedAt;
  for (const key of Object.keys(update.setOnce ?? {})) {
    if (Object.hasOwn(person.properties, key)) continue;
    person.properties[key] = update.setOnce![key];
    last[key] = update.timestamp;
    changed = true;
  }
  for (const key of Object.keys(update.set ?? {})) {
    if (newerWrite(last, key, update.timestamp)) continue;
    const value = update.set![key];
    if (Object.hasOwn(person.properties, key) && sameJson(person.properties[key], value)) {
      last[key] = update.timestamp;
      continue;
    }
    person.properties[key] = value;
    last[key] = update.timestamp;
    changed = true;
  }
  for (const key of update.unset) {
    if (!Object.hasOwn(person.properties, key)) continue;
    if (newerWrite(last, key, update.timestamp)) continue;
    delete person.properties[key];
    delete last[key];
    changed = true;
  }
  return changed;
}

/** Whether `key` was last written by an event later than `timestamp`. */
function newerWrite(last: Record<string, string>, key: string, timestamp: string): boolean {
  return Object.hasOwn(last, key) && last[key] > timestamp;
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}
