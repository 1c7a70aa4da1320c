import { sql, type Kysely, type Transaction } from 'kysely';
import type { MetaDb, MetaSchema } from '../storage/meta-schema.js';
import { OWNER } from '../organizations/membership-levels.js';
import { normalizeEmail } from './user-accounts.js';

export interface MemberRecord {
  organizationId: string;
  level: number;
  joinedAt: string;
  updatedAt: string;
  user: { id: number; uuid: string; distinctId: string; firstName: string; email: string; lastLoginAt: string | null };
}

type Db = Kysely<MetaSchema> | Transaction<MetaSchema>;

/** The members of organizations, each with their user. */
export class MemberRepository {
  constructor(private readonly db: MetaDb) {}

  /** Newest members first (PostHog's default order); `email` narrows to one address. */
  async list(organizationId: string, page: { limit: number; offset: number; email?: string }): Promise<{ count: number; members: MemberRecord[] }> {
    let base = this.joined().where('m.organization_id', '=', organizationId);
    if (page.email !== undefined) base = base.where(sql<string>`lower(u.email)`, '=', normalizeEmail(page.email));
    const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await this.withColumns(base).orderBy('m.created_at', 'desc').orderBy('u.id', 'desc').limit(page.limit).offset(page.offset).execute();
    return { count: Number(total.n), members: rows.map(toMember) };
  }

  async findByUserUuid(organizationId: string, userUuid: string): Promise<MemberRecord | null> {
    const row = await this.withColumns(this.joined().where('m.organization_id', '=', organizationId).where('u.uuid', '=', userUuid)).executeTakeFirst();
    return row ? toMember(row) : null;
  }

  async findByUserId(organizationId: string, userId: number): Promise<MemberRecord | null> {
    const row = await this.withColumns(this.joined().where('m.organization_id', '=', organizationId).where('u.id', '=', userId)).executeTakeFirst();
    return row ? toMember(row) : null;
  }

  async ownerCount(organizationId: string): Promise<number> {
    const row = await this.db
      .selectFrom('organization_memberships')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('organization_id', '=', organizationId)
      .where('level', '=', OWNER)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async add(db: Db, organizationId: string, userId: number, level: number): Promise<void> {
    const now = new Date().toISOString();
    await db.insertInto('organization_memberships').values({ organization_id: organizationId, user_id: userId, level, created_at: now, updated_at: now }).execute();
  }

  async setLevel(organizationId: string, userId: number, level: number): Promise<void> {
    await this.db
      .updateTable('organization_memberships')
      .set({ level, updated_at: new Date().toISOString() })
      .where('organization_id', '=', organizationId)
      .where('user_id', '=', userId)
      .execute();
  }

  /** Removes a member; a current project of theirs in that organization moves to one they can still reach, or none. */
  async remove(organizationId: string, userId: number): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('organization_memberships').where('organization_id', '=', organizationId).where('user_id', '=', userId).execute();
      const user = await trx.selectFrom('users').select('current_project_id').where('id', '=', userId).executeTakeFirst();
      if (user?.current_project_id == null) return;
      const current = await trx.selectFrom('projects').select('organization_id').where('id', '=', user.current_project_id).executeTakeFirst();
      if (current && current.organization_id !== organizationId) return;
      const other = await trx
        .selectFrom('projects as p')
        .innerJoin('organization_memberships as m', 'm.organization_id', 'p.organization_id')
        .select('p.id')
        .where('m.user_id', '=', userId)
        .orderBy('p.id')
        .limit(1)
        .executeTakeFirst();
      await trx.updateTable('users').set({ current_project_id: other?.id ?? null }).where('id', '=', userId).execute();
    });
  }

  private joined() {
    return this.db.selectFrom('organization_memberships as m').innerJoin('users as u', 'u.id', 'm.user_id');
  }

  private withColumns(query: ReturnType<MemberRepository['joined']>) {
    return query.select(['m.organization_id', 'm.level', 'm.created_at', 'm.updated_at', 'u.id', 'u.uuid', 'u.distinct_id', 'u.first_name', 'u.email', 'u.last_login_at']);
  }
}

function toMember(row: {
  organization_id: string;
  level: number;
  created_at: string;
  updated_at: string | null;
  id: number;
  uuid: string;
  distinct_id: string;
  first_name: string;
  email: string;
  last_login_at: string | null;
}): MemberRecord {
  return {
    organizationId: row.organization_id,
    level: Number(row.level),
    joinedAt: row.created_at,
    updatedAt: row.updated_at ?? row.created_at,
    user: { id: row.id, uuid: row.uuid, distinctId: row.distinct_id, firstName: row.first_name, email: row.email, lastLoginAt: row.last_login_at },
  };
}
