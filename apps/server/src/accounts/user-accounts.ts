import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { MetaDb, MetaSchema } from '../storage/meta-schema.js';

export interface AccountUser {
  id: number;
  uuid: string;
  distinctId: string;
  email: string;
  firstName: string;
  passwordHash: string | null;
  currentProjectId: number | null;
  lastLoginAt: string | null;
}

type Db = Kysely<MetaSchema> | Transaction<MetaSchema>;

/** Emails compare without case or surrounding space. Example: normalizeEmail(' Ana@X.io ') -> 'ana@x.io'. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Why an email address is refused, or null. */
export function emailProblem(email: string): string | null {
  return /^[^\s@]{1,64}@[^\s@]{1,189}$/.test(email.trim()) ? null : 'Enter a valid email address.';
}

export async function findUserByEmail(db: Db, email: string): Promise<AccountUser | null> {
  const row = await db.selectFrom('users').selectAll().where(sql<string>`lower(email)`, '=', normalizeEmail(email)).executeTakeFirst();
  return row ? toUser(row) : null;
}

export async function findUserById(db: Db, id: number): Promise<AccountUser | null> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toUser(row) : null;
}

export async function insertUser(db: Db, input: { email: string; firstName: string; passwordHash: string; currentProjectId: number | null }): Promise<number> {
  const row = await db
    .insertInto('users')
    .values({
      uuid: randomUUID(),
      distinct_id: randomUUID(),
      email: normalizeEmail(input.email),
      first_name: input.firstName,
      password_hash: input.passwordHash,
      current_project_id: input.currentProjectId,
      created_at: new Date().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** True once any user can log in with a password (the install has its owner). */
export async function anyUserHasPassword(db: Db): Promise<boolean> {
  return (await db.selectFrom('users').select('id').where('password_hash', 'is not', null).limit(1).executeTakeFirst()) !== undefined;
}

/** The lowest-numbered project of an organization (where a new member starts), or null. */
export async function firstProjectOf(db: Db, organizationId: string): Promise<number | null> {
  const row = await db.selectFrom('projects').select('id').where('organization_id', '=', organizationId).orderBy('id').limit(1).executeTakeFirst();
  return row?.id ?? null;
}

export async function setPasswordHash(db: MetaDb, userId: number, passwordHash: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
}

export async function recordLogin(db: MetaDb, userId: number): Promise<void> {
  await db.updateTable('users').set({ last_login_at: new Date().toISOString() }).where('id', '=', userId).execute();
}

function toUser(row: Selectable<MetaSchema['users']>): AccountUser {
  return {
    id: row.id,
    uuid: row.uuid,
    distinctId: row.distinct_id,
    email: row.email,
    firstName: row.first_name,
    passwordHash: row.password_hash,
    currentProjectId: row.current_project_id,
    lastLoginAt: row.last_login_at,
  };
}
