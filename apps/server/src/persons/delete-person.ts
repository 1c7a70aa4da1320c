import type { IdentityProcessor } from '../identity/identity-processor.js';
import { nextVersion } from '../identity/identity-output.js';
import type { PersonRecord, PersonRepository } from '../identity/person-repository.js';
import type { EventStore } from '../storage/event-store.js';

export interface DeletePersonDeps {
  persons: PersonRepository;
  identity: IdentityProcessor;
  eventStore: EventStore;
}

/** Removes a person and its distinct ids everywhere; with `deleteEvents`, their events too (GDPR erasure). */
export async function deletePerson(deps: DeletePersonDeps, person: PersonRecord, deleteEvents: boolean): Promise<void> {
  const distinctIds = await deps.persons.delete(person.teamId, person.id);
  deps.identity.forget(person.teamId, distinctIds);
  const version = nextVersion();
  await deps.eventStore.insert('person', [
    {
      team_id: person.teamId,
      id: person.uuid,
      created_at: person.createdAt,
      properties: '{}',
      is_identified: 0,
      is_deleted: 1,
      version: Math.max(version, person.version + 1),
    },
  ]);
  await deps.eventStore.insert(
    'person_distinct_id_overrides',
    distinctIds.map((distinct_id) => ({ team_id: person.teamId, distinct_id, person_id: person.uuid, is_deleted: 1, version })),
  );
  if (deleteEvents) {
    await deps.eventStore.command(
      'DELETE FROM events WHERE team_id = {team:Int64} AND (distinct_id IN {ids:Array(String)} OR person_id = {person:UUID})',
      { team: person.teamId, ids: distinctIds, person: person.uuid },
    );
  }
}
