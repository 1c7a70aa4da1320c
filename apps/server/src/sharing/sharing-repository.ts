import type { Selectable } from 'kysely';
import type { MetaDb, MetaSchema } from '../storage/meta-schema.js';
import { accessTokenHash, newAccessToken, sameAccessToken } from './sharing-token.js';

/** What a link shares: a dashboard or an insight of a project, or the project's web analytics page. */
export type SharedTarget = { kind: 'dashboard'; id: number } | { kind: 'insight'; id: number } | { kind: 'web' };

export interface SharingRecord {
  id: number;
  teamId: number;
  target: SharedTarget;
  enabled: boolean;
  accessToken: string;
  createdAt: string;
}

type SharingRow = Selectable<MetaSchema['sharing_configurations']>;

/**
 * Sharing configurations: one per shared dashboard or insight, created the first time sharing is turned on. A
 * public request finds its configuration by the token's hash; turning sharing off or rotating the token makes the
 * old link unknown at once.
 */
export class SharingRepository {
  constructor(private readonly db: MetaDb) {}

  async get(teamId: number, target: SharedTarget): Promise<SharingRecord | null> {
    const query = this.db.selectFrom('sharing_configurations').selectAll().where('team_id', '=', teamId);
    const row = await (target.kind === 'web'
      ? query.where('web_analytics', '=', 1)
      : query.where(target.kind === 'dashboard' ? 'dashboard_id' : 'insight_id', '=', target.id)
    ).executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  /** Turns sharing on or off, creating the configuration (and its token) the first time. */
  async setEnabled(teamId: number, target: SharedTarget, enabled: boolean): Promise<SharingRecord> {
    const current = await this.get(teamId, target);
    if (current) {
      await this.db.updateTable('sharing_configurations').set({ enabled: enabled ? 1 : 0 }).where('id', '=', current.id).execute();
      return { ...current, enabled };
    }
    const token = newAccessToken();
    await this.db
      .insertInto('sharing_configurations')
      .values({
        team_id: teamId,
        dashboard_id: target.kind === 'dashboard' ? target.id : null,
        insight_id: target.kind === 'insight' ? target.id : null,
        web_analytics: target.kind === 'web' ? 1 : 0,
        enabled: enabled ? 1 : 0,
        access_token: token,
        access_token_hash: accessTokenHash(token),
        created_at: new Date().toISOString(),
      })
      .execute();
    return (await this.get(teamId, target))!;
  }

  /** Replaces the token (the old link stops working); creates a disabled configuration if there was none. */
  async rotate(teamId: number, target: SharedTarget): Promise<SharingRecord> {
    const current = (await this.get(teamId, target)) ?? (await this.setEnabled(teamId, target, false));
    const token = newAccessToken();
    await this.db.updateTable('sharing_configurations').set({ access_token: token, access_token_hash: accessTokenHash(token) }).where('id', '=', current.id).execute();
    return { ...current, accessToken: token };
  }

  /** The enabled configuration a public link's token belongs to, or null. */
  async findEnabled(token: string): Promise<SharingRecord | null> {
    const row = await this.db.selectFrom('sharing_configurations').selectAll().where('access_token_hash', '=', accessTokenHash(token)).executeTakeFirst();
    // The lookup is by hash; comparing the tokens themselves in constant time keeps a hash collision from ever matching.
    if (!row || !row.enabled || !sameAccessToken(row.access_token, token)) return null;
    return toRecord(row);
  }

  /** Which of these dashboards are shared (`is_shared` in dashboard lists). */
  async sharedDashboards(teamId: number, dashboardIds: readonly number[]): Promise<Set<number>> {
    if (dashboardIds.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('sharing_configurations')
      .select('dashboard_id')
      .where('team_id', '=', teamId)
      .where('enabled', '=', 1)
      .where('dashboard_id', 'in', [...new Set(dashboardIds)])
      .execute();
    return new Set(rows.map((r) => Number(r.dashboard_id)));
  }
}

function toRecord(row: SharingRow): SharingRecord {
  const target: SharedTarget = Number(row.web_analytics) === 1
    ? { kind: 'web' }
    : row.dashboard_id !== null
      ? { kind: 'dashboard', id: Number(row.dashboard_id) }
      : { kind: 'insight', id: Number(row.insight_id) };
  return { id: Number(row.id), teamId: Number(row.team_id), target, enabled: Boolean(row.enabled), accessToken: row.access_token, createdAt: row.created_at };
}
