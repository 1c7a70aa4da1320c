import type { MetaDb } from '../storage/meta-schema.js';

/** Who has viewed which recordings of a project, and which recordings were deleted (meta store). */
export class RecordingUserState {
  constructor(private readonly db: MetaDb) {}

  /** The ids of the project's deleted recordings (few: a deletion is a user's action). */
  async deletedIds(teamId: number): Promise<string[]> {
    const rows = await this.db.selectFrom('session_recording_deletions').select('session_id').where('team_id', '=', teamId).execute();
    return rows.map((r) => r.session_id);
  }

  async isDeleted(teamId: number, sessionId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('session_recording_deletions')
      .select('session_id')
      .where('team_id', '=', teamId)
      .where('session_id', '=', sessionId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Soft-deletes a recording; deleting it again changes nothing. */
  async markDeleted(teamId: number, sessionId: string, userId: number | null): Promise<void> {
    await this.db
      .insertInto('session_recording_deletions')
      .values({ team_id: teamId, session_id: sessionId, deleted_by: userId, deleted_at: new Date().toISOString() })
      .onConflict((oc) => oc.columns(['team_id', 'session_id']).doNothing())
      .execute();
  }

  async setViewed(teamId: number, sessionId: string, userId: number, viewed: boolean): Promise<void> {
    if (!viewed) {
      await this.db.deleteFrom('session_recording_views').where('team_id', '=', teamId).where('session_id', '=', sessionId).where('user_id', '=', userId).execute();
      return;
    }
    await this.db
      .insertInto('session_recording_views')
      .values({ team_id: teamId, session_id: sessionId, user_id: userId, viewed_at: new Date().toISOString() })
      .onConflict((oc) => oc.columns(['team_id', 'session_id', 'user_id']).doNothing())
      .execute();
  }

  /** The project's recordings viewed by `userId`, or by anyone when null (to hide them from a list). */
  async viewedIds(teamId: number, userId: number | null): Promise<string[]> {
    let query = this.db.selectFrom('session_recording_views').select('session_id').distinct().where('team_id', '=', teamId);
    if (userId !== null) query = query.where('user_id', '=', userId);
    return (await query.execute()).map((r) => r.session_id);
  }

  /** For each of the recordings: whether `userId` viewed it, and the emails of everyone who did. */
  async viewsOf(teamId: number, sessionIds: string[], userId: number): Promise<Map<string, { viewed: boolean; viewers: string[] }>> {
    const out = new Map<string, { viewed: boolean; viewers: string[] }>();
    if (sessionIds.length === 0) return out;
    const rows = await this.db
      .selectFrom('session_recording_views')
      .leftJoin('users', 'users.id', 'session_recording_views.user_id')
      .select(['session_recording_views.session_id', 'session_recording_views.user_id', 'users.email'])
      .where('session_recording_views.team_id', '=', teamId)
      .where('session_recording_views.session_id', 'in', sessionIds)
      .execute();
    for (const row of rows) {
      const entry = out.get(row.session_id) ?? { viewed: false, viewers: [] };
      if (row.user_id === userId) entry.viewed = true;
      if (row.email) entry.viewers.push(row.email);
      out.set(row.session_id, entry);
    }
    return out;
  }

  /** Forgets the views and deletions of recordings that are gone for good (retention). */
  async forget(teamId: number, sessionIds: string[]): Promise<void> {
    if (sessionIds.length === 0) return;
    await this.db.deleteFrom('session_recording_views').where('team_id', '=', teamId).where('session_id', 'in', sessionIds).execute();
  }
}
