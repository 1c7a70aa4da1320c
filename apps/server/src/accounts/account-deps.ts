import type { SessionStore } from '../auth/session-store.js';
import type { MetaDb } from '../storage/meta-schema.js';
import type { InviteRepository } from './invite-repository.js';
import type { FailureThrottle } from './login-throttle.js';
import type { MemberRepository } from './member-repository.js';

/** What the account routes share. */
export interface AccountDeps {
  db: MetaDb;
  sessions: SessionStore;
  /** Failed password checks per IP and per email (login, password change). */
  throttle: FailureThrottle;
  invites: InviteRepository;
  members: MemberRepository;
  /** Public URL for invite links; null = the host the request came to. */
  siteUrl: string | null;
}
