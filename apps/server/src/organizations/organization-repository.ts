import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { DEFAULT_PROJECT_SETTINGS, insertProject, type Project } from '../projects/project-repository.js';
import type { MetaDb, MetaSchema } from '../storage/meta-schema.js';
import { OWNER } from './membership-levels.js';

export interface OrganizationRecord {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
}

/** Organizations and who belongs to them; every organization is free and any user may create more. */
export class OrganizationRepository {
  constructor(private readonly db: MetaDb) {}

  /** The user's organizations with their level in each, oldest first. */
  async listForUser(userId: number): Promise<{ organization: OrganizationRecord; level: number }[]> {
    const rows = await this.db
      .selectFrom('organizations as o')
      .innerJoin('organization_memberships as m', 'm.organization_id', 'o.id')
      .selectAll('o')
      .select('m.level')
      .where('m.user_id', '=', userId)
      .orderBy('o.created_at')
      .orderBy('o.id')
      .execute();
    return rows.map((r) => ({ organization: toRecord(r), level: Number(r.level) }));
  }

  async get(id: string): Promise<OrganizationRecord | null> {
    const row = await this.db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async memberCount(id: string): Promise<number> {
    const row = await this.db
      .selectFrom('organization_memberships')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('organization_id', '=', id)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * A new organization owned by the user, with a default project, which becomes the user's current one (as
   * PostHog's organization bootstrap does). Announce the project to the ProjectRepository afterwards.
   */
  async create(name: string, ownerId: number): Promise<{ organization: OrganizationRecord; project: Project }> {
    const now = new Date().toISOString();
    const id = randomUUID();
    const project = await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('organizations').values({ id, name, created_at: now, updated_at: now }).execute();
      await trx.insertInto('organization_memberships').values({ organization_id: id, user_id: ownerId, level: OWNER, created_at: now }).execute();
      const created = await insertProject(trx, id, DEFAULT_PROJECT_SETTINGS);
      await trx.updateTable('users').set({ current_project_id: created.id }).where('id', '=', ownerId).execute();
      return created;
    });
    return { organization: (await this.get(id))!, project };
  }

  async rename(id: string, name: string): Promise<OrganizationRecord | null> {
    await this.db.updateTable('organizations').set({ name, updated_at: new Date().toISOString() }).where('id', '=', id).execute();
    return this.get(id);
  }

  /** Removes the organization row and its memberships (delete its projects first; invites go with it). */
  async delete(id: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('organization_memberships').where('organization_id', '=', id).execute();
      await trx.deleteFrom('organizations').where('id', '=', id).execute();
    });
  }
}

function toRecord(row: Selectable<MetaSchema['organizations']>): OrganizationRecord {
  return { id: row.id, name: row.name, createdAt: row.created_at, updatedAt: row.updated_at ?? row.created_at };
}
