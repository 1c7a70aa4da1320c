import type { MetaDb } from '../storage/meta-schema.js';

export interface ActivityChange {
  type: string;
  action: 'created' | 'changed' | 'deleted';
  field?: string;
  before?: unknown;
  after?: unknown;
}

export interface ActivityEntry {
  teamId: number;
  scope: string;
  itemId: string;
  activity: 'created' | 'updated' | 'deleted';
  userId: number | null;
  name: string;
  changes: ActivityChange[];
}

/** Who changed what and when, per project and resource, in PostHog's activity log shape. */
export class ActivityLog {
  constructor(private readonly db: MetaDb) {}

  async record(entry: ActivityEntry): Promise<void> {
    await this.db
      .insertInto('activity_log')
      .values({
        team_id: entry.teamId,
        scope: entry.scope,
        item_id: entry.itemId,
        activity: entry.activity,
        user_id: entry.userId,
        detail: JSON.stringify({ name: entry.name, changes: entry.changes }),
        created_at: new Date().toISOString(),
      })
      .execute();
  }

  async list(teamId: number, scope: string, itemId: string | null, limit: number) {
    let query = this.db
      .selectFrom('activity_log as a')
      .leftJoin('users as u', 'u.id', 'a.user_id')
      .select(['a.id', 'a.scope', 'a.item_id', 'a.activity', 'a.detail', 'a.created_at', 'u.id as user_id', 'u.email', 'u.first_name', 'u.uuid'])
      .where('a.team_id', '=', teamId)
      .where('a.scope', '=', scope);
    if (itemId !== null) query = query.where('a.item_id', '=', itemId);
    const rows = await query.orderBy('a.id', 'desc').limit(limit).execute();
    return rows.map((r) => ({
      id: String(r.id),
      user: r.user_id === null ? null : { id: r.user_id, uuid: r.uuid, email: r.email, first_name: r.first_name },
      activity: r.activity,
      scope: r.scope,
      item_id: r.item_id,
      detail: { ...(JSON.parse(r.detail) as object), type: null, short_id: null },
      created_at: r.created_at,
    }));
  }
}

/** The fields of `before` and `after` that differ, as activity changes. Example: diffFields('FeatureFlag', {active:true}, {active:false}). */
export function diffFields(type: string, before: Record<string, unknown>, after: Record<string, unknown>): ActivityChange[] {
  const changes: ActivityChange[] = [];
  for (const field of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[field]) !== JSON.stringify(after[field])) {
      changes.push({ type, action: 'changed', field, before: before[field], after: after[field] });
    }
  }
  return changes;
}
