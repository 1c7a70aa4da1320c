import type { MetaDb } from '../../storage/meta-schema.js';
import type { FindFlag } from './replay-settings-input.js';

/** Finds a live (not deleted) feature flag of the project by key, with its variant keys, for the linked-flag check. */
export function linkedFlagLookup(db: MetaDb, teamId: number): FindFlag {
  return async (key) => {
    const row = await db
      .selectFrom('feature_flags')
      .select(['id', 'key', 'filters'])
      .where('team_id', '=', teamId)
      .where('key', '=', key)
      .where('deleted', '=', 0)
      .executeTakeFirst();
    if (!row) return null;
    return { id: Number(row.id), key: row.key, variants: variantKeys(row.filters) };
  };
}

function variantKeys(filters: string): string[] | null {
  try {
    const variants = (JSON.parse(filters) as { multivariate?: { variants?: { key?: unknown }[] } | null }).multivariate?.variants;
    return Array.isArray(variants) ? variants.map((v) => v.key).filter((k): k is string => typeof k === 'string') : null;
  } catch {
    return null;
  }
}
