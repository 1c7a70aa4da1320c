import type { MetaDb } from '../storage/meta-schema.js';

const BATCH = 500;
const UUID_LIKE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The distinct ids of each person (by UUID) from the meta store, which owns the distinct id -> person map; readable
 * ids before UUID-like anonymous ones, as the persons API lists them. Example: (await distinctIdsByPerson(db, 1, [u])).get(u) // ['user-a', '0190…']
 */
export async function distinctIdsByPerson(db: MetaDb, teamId: number, uuids: readonly string[]): Promise<Map<string, string[]>> {
  const byPerson = new Map<string, string[]>();
  const wanted = [...new Set(uuids)];
  for (let i = 0; i < wanted.length; i += BATCH) {
    const rows = await db
      .selectFrom('person_distinct_ids as pdi')
      .innerJoin('persons as p', 'p.id', 'pdi.person_id')
      .select(['p.uuid', 'pdi.distinct_id'])
      .where('pdi.team_id', '=', teamId)
      .where('p.team_id', '=', teamId)
      .where('p.uuid', 'in', wanted.slice(i, i + BATCH))
      .orderBy('pdi.version')
      .orderBy('pdi.distinct_id')
      .execute();
    for (const row of rows) {
      const ids = byPerson.get(row.uuid) ?? [];
      ids.push(row.distinct_id);
      byPerson.set(row.uuid, ids);
    }
  }
  for (const ids of byPerson.values()) ids.sort((a, b) => Number(UUID_LIKE.test(a)) - Number(UUID_LIKE.test(b)));
  return byPerson;
}

/** The UUID of the person a distinct id belongs to, if any. Example: await personWithDistinctId(db, 1, 'anon-a') // '0190…' */
export async function personWithDistinctId(db: MetaDb, teamId: number, distinctId: string): Promise<string | null> {
  const row = await db
    .selectFrom('person_distinct_ids as pdi')
    .innerJoin('persons as p', 'p.id', 'pdi.person_id')
    .select('p.uuid')
    .where('pdi.team_id', '=', teamId)
    .where('pdi.distinct_id', '=', distinctId)
    .executeTakeFirst();
  return row?.uuid ?? null;
}
