import type { PersonRecord, PersonRepository } from '../identity/person-repository.js';
import { notFound } from '../platform/app-error.js';

/** The person a path id names (its uuid, or its integer id as older PostHog clients send); 404 otherwise. */
export async function findPerson(persons: PersonRepository, teamId: number, rawId: string): Promise<PersonRecord> {
  const person = await findPersonByAnyId(persons, teamId, rawId, 'id');
  if (!person) throw notFound();
  return person;
}

/** A person by uuid / integer id (`id`) or by one of its distinct ids, or null. */
export async function findPersonByAnyId(persons: PersonRepository, teamId: number, rawId: string, kind: 'id' | 'distinct_id'): Promise<PersonRecord | null> {
  if (kind === 'distinct_id') return persons.findByDistinctId(teamId, rawId);
  if (/^\d{1,15}$/.test(rawId)) return persons.findById(teamId, Number(rawId));
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(rawId) ? persons.findByUuid(teamId, rawId.toLowerCase()) : null;
}
