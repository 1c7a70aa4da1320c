import type { Selectable } from 'kysely';
import type { MetaDb, MetaSchema } from '../storage/meta-schema.js';

/** A person whose events and/or recordings are to leave the event store. */
export interface PersonDeletion {
  id: number;
  teamId: number;
  personUuid: string;
  distinctIds: string[];
  deleteEvents: boolean;
  deleteRecordings: boolean;
  createdAt: string;
  deleteVerifiedAt: string | null;
  attempts: number;
  lastError: string | null;
}

export type NewPersonDeletion = Pick<PersonDeletion, 'teamId' | 'personUuid' | 'distinctIds' | 'deleteEvents' | 'deleteRecordings' | 'createdAt'>;

export type DeletionStatus = 'pending' | 'completed' | 'all';

type Row = Selectable<MetaSchema['person_deletions']>;

/** The durable queue of person data deletions: written with the request, worked off in the background, resumed on start. */
export class PersonDeletionRepository {
  constructor(private readonly db: MetaDb) {}

  async enqueue(deletions: readonly NewPersonDeletion[]): Promise<void> {
    if (deletions.length === 0) return;
    await this.db
      .insertInto('person_deletions')
      .values(
        deletions.map((d) => ({
          team_id: d.teamId,
          person_uuid: d.personUuid,
          distinct_ids: JSON.stringify(d.distinctIds),
          delete_events: d.deleteEvents ? 1 : 0,
          delete_recordings: d.deleteRecordings ? 1 : 0,
          created_at: d.createdAt,
        })),
      )
      .execute();
  }

  /** The oldest deletions not verified yet, across projects. */
  async pending(limit: number): Promise<PersonDeletion[]> {
    const rows = await this.db.selectFrom('person_deletions').selectAll().where('delete_verified_at', 'is', null).orderBy('id').limit(limit).execute();
    return rows.map(toRecord);
  }

  async markVerified(ids: readonly number[], at: string): Promise<void> {
    if (ids.length === 0) return;
    await this.db.updateTable('person_deletions').set({ delete_verified_at: at, last_error: null }).where('id', 'in', [...ids]).execute();
  }

  async markFailed(ids: readonly number[], error: string): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .updateTable('person_deletions')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: error.slice(0, 2000) }))
      .where('id', 'in', [...ids])
      .execute();
  }

  /** A project's deletions, newest first, for `deletion_status`. */
  async list(teamId: number, filter: { status: DeletionStatus; personUuid?: string; limit: number; offset: number }): Promise<{ count: number; deletions: PersonDeletion[] }> {
    let query = this.db.selectFrom('person_deletions').where('team_id', '=', teamId);
    if (filter.status === 'pending') query = query.where('delete_verified_at', 'is', null);
    if (filter.status === 'completed') query = query.where('delete_verified_at', 'is not', null);
    if (filter.personUuid) query = query.where('person_uuid', '=', filter.personUuid);
    const count = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await query.selectAll().orderBy('id', 'desc').limit(filter.limit).offset(filter.offset).execute();
    return { count: Number(count.n), deletions: rows.map(toRecord) };
  }
}

function toRecord(row: Row): PersonDeletion {
  return {
    id: Number(row.id),
    teamId: Number(row.team_id),
    personUuid: row.person_uuid,
    distinctIds: JSON.parse(row.distinct_ids) as string[],
    deleteEvents: Boolean(row.delete_events),
    deleteRecordings: Boolean(row.delete_recordings),
    createdAt: row.created_at,
    deleteVerifiedAt: row.delete_verified_at,
    attempts: Number(row.attempts),
    lastError: row.last_error,
  };
}
