import type { IdentityProcessor } from '../identity/identity-processor.js';
import type { PersonRecord, PersonRepository } from '../identity/person-repository.js';
import type { EventStore } from '../storage/event-store.js';
import type { MetaDb } from '../storage/meta-schema.js';
import { erasePersonRows } from './event-store-erasure.js';
import type { PersonDeletionRepository } from './person-deletion-repository.js';

export interface DeletePersonDeps {
  db: MetaDb;
  persons: PersonRepository;
  identity: IdentityProcessor;
  eventStore: EventStore;
  /** Ingestion's buffer: flushed first, so a deletion covers every event acknowledged before it was asked for. */
  pipeline: { flush(): Promise<void> };
  deletions: PersonDeletionRepository;
  /** Starts working off the deletion queue. */
  kickDeletions(): void;
}

export interface DeleteOptions {
  deleteEvents: boolean;
  deleteRecordings: boolean;
  /** Delete only the data (events, recordings), not the profile. */
  keepPerson: boolean;
}

/**
 * GDPR erasure of persons of one project: their profiles and distinct ids go at once (meta store, identity cache,
 * event store rows, flag hash-key overrides); their events and recordings, which may be many, are queued and deleted
 * in the background. Returns how many profiles were deleted.
 */
export async function deletePersons(deps: DeletePersonDeps, teamId: number, persons: readonly PersonRecord[], options: DeleteOptions): Promise<number> {
  if (persons.length === 0) return 0;
  await deps.pipeline.flush();
  // Events already stored were inserted before this instant (one millisecond of margin for the clocks' rounding).
  const requestedAt = new Date(Date.now() + 1).toISOString();
  const known = await Promise.all(persons.map(async (p) => ({ person: p, distinctIds: await deps.persons.distinctIdsOf(teamId, p.id) })));
  const uuids = persons.map((p) => p.uuid);
  const allIds = known.flatMap((k) => k.distinctIds);
  if (!options.keepPerson) {
    deps.identity.forget(teamId, allIds);
    for (const { person } of known) await deps.persons.delete(teamId, person.id);
    // Again: a flush running meanwhile may have cached them from the store.
    deps.identity.forget(teamId, allIds);
    await deps.db.deleteFrom('feature_flag_hash_key_overrides').where('team_id', '=', teamId).where('person_uuid', 'in', uuids).execute();
    await erasePersonRows(deps.eventStore, teamId, uuids, allIds);
  }
  if (options.deleteEvents || options.deleteRecordings) {
    await deps.deletions.enqueue(
      known.map(({ person, distinctIds }) => ({
        teamId,
        personUuid: person.uuid,
        distinctIds,
        deleteEvents: options.deleteEvents,
        deleteRecordings: options.deleteRecordings,
        createdAt: requestedAt,
      })),
    );
    deps.kickDeletions();
  }
  return options.keepPerson ? 0 : persons.length;
}
