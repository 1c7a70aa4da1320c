import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { MetaDb } from '../storage/meta-schema.js';

/** A signed-in browser session. The token that names it lives only in the user's cookie. */
export interface UserSession {
  id: string;
  userId: number;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

/** A session ends after this long without a request (sliding expiry). */
export const SESSION_IDLE_MS = 14 * 24 * 60 * 60 * 1000;
/** Use is written back at most this often, so a busy page costs one write a minute, not one per request. */
const TOUCH_EVERY_MS = 60 * 1000;

/**
 * What a stored session's times mean at `now`: expired (at or past its expiry), due a write-back of its use, or seen
 * recently enough to leave alone. Example: sessionFreshness(row.last_seen_at, row.expires_at, Date.now()).
 */
export function sessionFreshness(lastSeenAt: string, expiresAt: string, now: number): 'expired' | 'touch' | 'fresh' {
  if (Date.parse(expiresAt) <= now) return 'expired';
  return now - Date.parse(lastSeenAt) >= TOUCH_EVERY_MS ? 'touch' : 'fresh';
}

/** What a cookie's token is stored as: its SHA-256, so a copy of the table lets nobody sign in. */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Sessions in the meta store (SQLite or PostgreSQL), keyed by the hash of a 256-bit random token. */
export class SessionStore {
  constructor(
    private readonly db: MetaDb,
    private readonly now: () => number = Date.now,
    private readonly idleMs = SESSION_IDLE_MS,
  ) {}

  /** Opens a session for the user and returns the token to put in the cookie (shown only here). */
  async create(userId: number): Promise<{ token: string; session: UserSession }> {
    const now = this.now();
    await this.purgeExpired();
    const token = randomBytes(32).toString('base64url');
    const session: UserSession = {
      id: randomUUID(),
      userId,
      createdAt: iso(now),
      lastSeenAt: iso(now),
      expiresAt: iso(now + this.idleMs),
    };
    await this.db
      .insertInto('user_sessions')
      .values({
        id: session.id,
        token_hash: hashSessionToken(token),
        user_id: userId,
        created_at: session.createdAt,
        last_seen_at: session.lastSeenAt,
        expires_at: session.expiresAt,
      })
      .execute();
    return { token, session };
  }

  /** The live session of a token, its expiry pushed forward; null when unknown, ended or expired. */
  async resolve(token: string): Promise<UserSession | null> {
    const row = await this.db.selectFrom('user_sessions').selectAll().where('token_hash', '=', hashSessionToken(token)).executeTakeFirst();
    if (!row) return null;
    const now = this.now();
    const freshness = sessionFreshness(row.last_seen_at, row.expires_at, now);
    if (freshness === 'expired') {
      await this.db.deleteFrom('user_sessions').where('id', '=', row.id).execute();
      return null;
    }
    const session: UserSession = { id: row.id, userId: row.user_id, createdAt: row.created_at, lastSeenAt: row.last_seen_at, expiresAt: row.expires_at };
    if (freshness === 'fresh') return session;
    session.lastSeenAt = iso(now);
    session.expiresAt = iso(now + this.idleMs);
    await this.db.updateTable('user_sessions').set({ last_seen_at: session.lastSeenAt, expires_at: session.expiresAt }).where('id', '=', row.id).execute();
    return session;
  }

  /** Ends the session of a token (logout); unknown tokens are ignored. */
  async end(token: string): Promise<void> {
    await this.db.deleteFrom('user_sessions').where('token_hash', '=', hashSessionToken(token)).execute();
  }

  /** Ends every session of a user, except `keepId` (the caller's own, after a password change); returns how many. */
  async endAllOfUser(userId: number, keepId: string | null = null): Promise<number> {
    let query = this.db.deleteFrom('user_sessions').where('user_id', '=', userId);
    if (keepId !== null) query = query.where('id', '!=', keepId);
    const result = await query.executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** The user's live sessions, newest first. */
  async listOfUser(userId: number): Promise<UserSession[]> {
    const rows = await this.db
      .selectFrom('user_sessions')
      .selectAll()
      .where('user_id', '=', userId)
      .where('expires_at', '>', iso(this.now()))
      .orderBy('created_at', 'desc')
      .execute();
    return rows.map((r) => ({ id: r.id, userId: r.user_id, createdAt: r.created_at, lastSeenAt: r.last_seen_at, expiresAt: r.expires_at }));
  }

  /** Deletes expired sessions (ISO strings in UTC compare in time order). */
  async purgeExpired(): Promise<number> {
    const result = await this.db.deleteFrom('user_sessions').where('expires_at', '<=', iso(this.now())).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
