import { randomUUID } from 'node:crypto';
import type { IdentityProcessor } from '../identity/identity-processor.js';
import { nextVersion } from '../identity/identity-output.js';
import { KyselyPersonRepository } from '../identity/kysely-person-repository.js';
import type { PersonRecord, PersonRepository } from '../identity/person-repository.js';
import { personUuidFor } from '../identity/person-uuid.js';
import type { JsonObject } from '../ingest/types.js';
import { validationError } from '../platform/app-error.js';
import type { EventStore } from '../storage/event-store.js';
import type { MetaDb } from '../storage/meta-schema.js';

export interface SplitPersonDeps {
  db: MetaDb;
  persons: PersonRepository;
  identity: IdentityProcessor;
  eventStore: EventStore;
}

/** PostHog's two modes: keep one id (`main_distinct_id`, default the first) or move the listed ids away. */
export interface SplitRequest {
  mainDistinctId?: string;
  distinctIdsToSplit?: string[];
}

/** The meta store keeps person versions in a 32-bit column. */
const MAX_PERSON_VERSION = 2 ** 31 - 2;

interface SplitOff {
  distinctId: string;
  uuid: string;
  version: number;
  person?: PersonRecord;
}

/**
 * Undoes merges as PostHog does: each distinct id split off gets a new, empty person of its own, with the uuid
 * derived from (project, distinct id) unless that uuid is taken; the original person keeps its properties and its
 * other ids. The event store learns the new persons and an override per moved id, so the ids' past events follow
 * them. Returns the distinct ids that were moved.
 */
export async function splitPerson(deps: SplitPersonDeps, person: PersonRecord, request: SplitRequest): Promise<string[]> {
  const teamId = person.teamId;
  const distinctIds = await deps.persons.distinctIdsOf(teamId, person.id);
  const moving = idsToMove(distinctIds, request);
  if (moving.length === 0) return [];
  const planned = await plan(deps, person, moving);

  deps.identity.forget(teamId, distinctIds);
  const createdAt = new Date().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const repo = new KyselyPersonRepository(trx);
    for (const split of planned) {
      const created = await repo.create({
        teamId,
        uuid: split.uuid,
        properties: Object.create(null) as JsonObject,
        propertiesLastUpdatedAt: Object.create(null) as Record<string, string>,
        isIdentified: false,
        createdAt,
        distinctIds: [],
      });
      split.person = { ...created, version: split.version };
      await repo.update(split.person);
      await repo.setDistinctId(teamId, split.distinctId, created.id, nextVersion());
    }
  });
  // Again after the commit: a flush running meanwhile may have cached the ids' old person.
  deps.identity.forget(teamId, distinctIds);

  await deps.eventStore.insert(
    'person',
    planned.map((s) => ({ team_id: teamId, id: s.uuid, created_at: createdAt, properties: '{}', is_identified: 0, is_deleted: 0, version: s.version })),
  );
  await deps.eventStore.insert(
    'person_distinct_id_overrides',
    planned.map((s) => ({ team_id: teamId, distinct_id: s.distinctId, person_id: s.uuid, is_deleted: 0, version: nextVersion() })),
  );
  return moving;
}

function idsToMove(distinctIds: string[], request: SplitRequest): string[] {
  if (request.distinctIdsToSplit !== undefined) {
    const unknown = request.distinctIdsToSplit.filter((id) => !distinctIds.includes(id));
    if (unknown.length > 0) throw validationError(`not on this person: ${JSON.stringify(unknown.slice(0, 10))}`, 'distinct_ids_to_split');
    return [...new Set(request.distinctIdsToSplit)];
  }
  const main = request.mainDistinctId ?? distinctIds[0];
  if (!distinctIds.includes(main)) throw validationError('This distinct id is not one of the person\'s.', 'main_distinct_id');
  return distinctIds.filter((id) => id !== main);
}

/**
 * The uuid and first version of each new person. A uuid may have been used before (a person merged away, or one
 * deleted): its new rows must outrank any row the event store still has under it.
 */
async function plan(deps: SplitPersonDeps, person: PersonRecord, moving: string[]): Promise<SplitOff[]> {
  const planned: SplitOff[] = [];
  for (const distinctId of moving) {
    const derived = personUuidFor(person.teamId, distinctId);
    const taken = derived === person.uuid || (await deps.persons.findByUuid(person.teamId, derived)) !== null;
    planned.push({ distinctId, uuid: taken ? randomUUID() : derived, version: 0 });
  }
  const stored = await deps.eventStore.query(
    'SELECT toString(id), max(version) FROM person WHERE team_id = {team:Int64} AND id IN {ids:Array(UUID)} GROUP BY id',
    { team: person.teamId, ids: planned.map((p) => p.uuid) },
  );
  const versions = new Map(stored.rows.map(([id, version]) => [String(id), Number(version)]));
  for (const p of planned) {
    const previous = versions.get(p.uuid);
    if (previous === undefined) continue;
    // Versions are small counters; a huge one is an old microsecond tombstone that the meta store could not hold.
    if (previous >= MAX_PERSON_VERSION) p.uuid = randomUUID();
    else p.version = previous + 1;
  }
  return planned;
}
