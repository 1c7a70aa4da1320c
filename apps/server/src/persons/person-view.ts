import type { PersonApi } from '@warren/shared/persons-api';
import type { PersonRecord } from '../identity/person-repository.js';

const DISPLAY_NAME_PROPERTIES = ['email', 'Email', '$email', 'name', 'Name', 'username', 'Username'];
const UUID_LIKE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The person object of PostHog's REST API. Example: personView(p, ['user-42', '0190…']).name === 'ana@acme.com'. */
export function personView(person: PersonRecord, distinctIds: string[]): PersonApi {
  const sorted = [...distinctIds].sort((a, b) => Number(UUID_LIKE.test(a)) - Number(UUID_LIKE.test(b)));
  return {
    id: person.uuid,
    uuid: person.uuid,
    name: displayName(person, sorted),
    distinct_ids: sorted,
    properties: person.properties,
    is_identified: person.isIdentified,
    created_at: person.createdAt,
  };
}

function displayName(person: PersonRecord, distinctIds: string[]): string {
  for (const key of DISPLAY_NAME_PROPERTIES) {
    const value = person.properties[key];
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return distinctIds[0] ?? person.uuid;
}
