import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { MetaDb, MetaSchema } from '../storage/meta-schema.js';
import { normalizeEmail } from './user-accounts.js';

/** An invite link works for three days, as PostHog's do. */
export const INVITE_VALID_MS = 3 * 24 * 60 * 60 * 1000;

export interface InviteRecord {
  id: string;
  organizationId: string;
  targetEmail: string;
  firstName: string;
  level: number;
  message: string | null;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
  expiresAt: string;
}

export interface InviteWrite {
  targetEmail: string;
  firstName: string;
  level: number;
  message: string | null;
}

type Db = Kysely<MetaSchema> | Transaction<MetaSchema>;

/** How an invite's link token is stored: its SHA-256, so the table alone opens no link. */
export function hashInviteToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Invitations to an organization by secret link. */
export class InviteRepository {
  constructor(
    private readonly db: MetaDb,
    private readonly now: () => number = Date.now,
  ) {}

  /** Creates an invite, replacing any earlier invite of the same email to the organization; the token is shown once. */
  async create(organizationId: string, write: InviteWrite, createdBy: number): Promise<{ invite: InviteRecord; token: string }> {
    const token = randomBytes(32).toString('base64url');
    const now = this.now();
    const invite: InviteRecord = {
      id: randomUUID(),
      organizationId,
      targetEmail: normalizeEmail(write.targetEmail),
      firstName: write.firstName,
      level: write.level,
      message: write.message,
      createdBy,
      createdAt: new Date(now).toISOString(),
      updatedAt: new Date(now).toISOString(),
      expiresAt: new Date(now + INVITE_VALID_MS).toISOString(),
    };
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('organization_invites').where('organization_id', '=', organizationId).where('target_email', '=', invite.targetEmail).execute();
      await trx
        .insertInto('organization_invites')
        .values({
          id: invite.id,
          organization_id: organizationId,
          target_email: invite.targetEmail,
          first_name: invite.firstName,
          level: invite.level,
          message: invite.message,
          token_hash: hashInviteToken(token),
          created_by: createdBy,
          created_at: invite.createdAt,
          updated_at: invite.updatedAt,
          expires_at: invite.expiresAt,
        })
        .execute();
    });
    return { invite, token };
  }

  /** The organization's invites, newest first, expired ones included (they show as expired). */
  async list(organizationId: string, page: { limit: number; offset: number }): Promise<{ count: number; invites: InviteRecord[] }> {
    const base = this.db.selectFrom('organization_invites').where('organization_id', '=', organizationId);
    const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await base.selectAll().orderBy('created_at', 'desc').orderBy('id').limit(page.limit).offset(page.offset).execute();
    return { count: Number(total.n), invites: rows.map(toInvite) };
  }

  async delete(organizationId: string, id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('organization_invites').where('organization_id', '=', organizationId).where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** The invite a link token opens (expired or not), or null. */
  async findByToken(token: string, db: Db = this.db): Promise<InviteRecord | null> {
    const row = await db.selectFrom('organization_invites').selectAll().where('token_hash', '=', hashInviteToken(token)).executeTakeFirst();
    return row ? toInvite(row) : null;
  }

  isExpired(invite: InviteRecord): boolean {
    return Date.parse(invite.expiresAt) <= this.now();
  }

  /** Uses up an invite (it opens one account). */
  async consume(db: Db, id: string): Promise<void> {
    await db.deleteFrom('organization_invites').where('id', '=', id).execute();
  }
}

function toInvite(row: Selectable<MetaSchema['organization_invites']>): InviteRecord {
  return {
    id: row.id,
    organizationId: row.organization_id,
    targetEmail: row.target_email,
    firstName: row.first_name,
    level: Number(row.level),
    message: row.message,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    expiresAt: row.expires_at,
  };
}
