import { sql, type Kysely, type Selectable } from 'kysely';
import type { MetaSchema } from '../storage/meta-schema.js';
import { prepareQuery } from '../storage/prepared-query.js';
import type { JsonObject } from '../ingest/types.js';
import type { NewPerson, PersonListFilter, PersonRecord, PersonRepository } from './person-repository.js';
import { containsPattern } from '../storage/like-pattern.js';

type PersonRow = Selectable<MetaSchema['persons']>;

/**
 * The identity step's per-event queries, compiled once per store (see prepareQuery): a person by distinct id (also
 * `/flags` for a visitor not yet cached), a new person, a distinct id pointed at a person, a person's new state.
 */
function compileHotQueries(db: Kysely<MetaSchema>) {
  return {
    byDistinctId: prepareQuery(db, (teamId: number, distinctId: string) =>
      db
        .selectFrom('person_distinct_ids as pdi')
        .innerJoin('persons as p', 'p.id', 'pdi.person_id')
        .selectAll('p')
        .where('pdi.team_id', '=', teamId)
        .where('pdi.distinct_id', '=', distinctId),
    ),
    insertPerson: prepareQuery(db, (uuid: string, teamId: number, properties: string, updatedAt: string, isIdentified: number, createdAt: string) =>
      db
        .insertInto('persons')
        .values({ uuid, team_id: teamId, properties, properties_last_updated_at: updatedAt, is_identified: isIdentified, created_at: createdAt, version: 0 })
        .returning('id'),
    ),
    setDistinctId: prepareQuery(db, (teamId: number, distinctId: string, personId: number, version: number) =>
      db
        .insertInto('person_distinct_ids')
        .values({ team_id: teamId, distinct_id: distinctId, person_id: personId, version })
        .onConflict((oc) => oc.columns(['team_id', 'distinct_id']).doUpdateSet({ person_id: personId, version })),
    ),
    updatePerson: prepareQuery(db, (id: number, properties: string, updatedAt: string, isIdentified: number, createdAt: string, version: number) =>
      db
        .updateTable('persons')
        .set({ properties, properties_last_updated_at: updatedAt, is_identified: isIdentified, created_at: createdAt, version })
        .where('id', '=', id),
    ),
  };
}

/** PersonRepository over Kysely: the same code serves SQLite and PostgreSQL. */
export class KyselyPersonRepository implements PersonRepository {
  constructor(
    private readonly db: Kysely<MetaSchema>,
    private readonly hot = compileHotQueries(db),
  ) {}

  /** The same repository bound to a transaction, sharing the compiled queries. */
  withDb(db: Kysely<MetaSchema>): KyselyPersonRepository {
    return new KyselyPersonRepository(db, this.hot);
  }

  async findByDistinctId(teamId: number, distinctId: string): Promise<PersonRecord | null> {
    const { rows } = await this.hot.byDistinctId(this.db, teamId, distinctId);
    return rows.length > 0 ? toRecord(rows[0]) : null;
  }

  async findByUuid(teamId: number, uuid: string): Promise<PersonRecord | null> {
    const row = await this.db.selectFrom('persons').selectAll().where('team_id', '=', teamId).where('uuid', '=', uuid).executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async findById(teamId: number, id: number): Promise<PersonRecord | null> {
    const row = await this.db.selectFrom('persons').selectAll().where('team_id', '=', teamId).where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async create(person: NewPerson): Promise<PersonRecord> {
    const { rows } = await this.hot.insertPerson(
      this.db,
      person.uuid,
      person.teamId,
      JSON.stringify(person.properties),
      JSON.stringify(person.propertiesLastUpdatedAt),
      person.isIdentified ? 1 : 0,
      person.createdAt,
    );
    const inserted = rows[0];
    for (const distinctId of person.distinctIds) await this.setDistinctId(person.teamId, distinctId, inserted.id, 0);
    return {
      id: inserted.id,
      uuid: person.uuid,
      teamId: person.teamId,
      properties: person.properties,
      propertiesLastUpdatedAt: person.propertiesLastUpdatedAt,
      isIdentified: person.isIdentified,
      createdAt: person.createdAt,
      version: 0,
    };
  }

  async update(person: PersonRecord): Promise<void> {
    const properties = JSON.stringify(person.properties);
    const updatedAt = JSON.stringify(person.propertiesLastUpdatedAt);
    await this.hot.updatePerson(this.db, person.id, properties, updatedAt, person.isIdentified ? 1 : 0, person.createdAt, person.version);
  }

  async setDistinctId(teamId: number, distinctId: string, personId: number, version: number): Promise<void> {
    await this.hot.setDistinctId(this.db, teamId, distinctId, personId, version);
  }

  async moveDistinctIds(teamId: number, fromPersonId: number, toPersonId: number, version: number): Promise<string[]> {
    const moved = await this.distinctIdsOf(teamId, fromPersonId);
    await this.db
      .updateTable('person_distinct_ids')
      .set({ person_id: toPersonId, version })
      .where('team_id', '=', teamId)
      .where('person_id', '=', fromPersonId)
      .execute();
    return moved;
  }

  async distinctIdsOf(teamId: number, personId: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('person_distinct_ids')
      .select('distinct_id')
      .where('team_id', '=', teamId)
      .where('person_id', '=', personId)
      .orderBy('version')
      .orderBy('distinct_id')
      .execute();
    return rows.map((r) => r.distinct_id);
  }

  async delete(teamId: number, personId: number): Promise<string[]> {
    const ids = await this.distinctIdsOf(teamId, personId);
    await this.db.deleteFrom('person_distinct_ids').where('team_id', '=', teamId).where('person_id', '=', personId).execute();
    await this.db.deleteFrom('persons').where('team_id', '=', teamId).where('id', '=', personId).execute();
    return ids;
  }

  async list(teamId: number, filter: PersonListFilter): Promise<PersonRecord[]> {
    let query = this.db.selectFrom('persons as p').selectAll('p').where('p.team_id', '=', teamId);
    if (filter.distinctId !== undefined) {
      query = query.where('p.id', 'in', (eb) =>
        eb.selectFrom('person_distinct_ids').select('person_id').where('team_id', '=', teamId).where('distinct_id', '=', filter.distinctId!),
      );
    }
    if (filter.search) {
      const pattern = containsPattern(filter.search.toLowerCase());
      query = query.where((eb) =>
        eb.or([
          eb(sql`lower(p.properties)`, 'like', sql`${pattern} escape '\\'`),
          eb('p.id', 'in', (sub) =>
            sub
              .selectFrom('person_distinct_ids')
              .select('person_id')
              .where('team_id', '=', teamId)
              .where(sql`lower(distinct_id)`, 'like', sql`${pattern} escape '\\'`),
          ),
        ]),
      );
    }
    const rows = await query.orderBy('p.created_at', 'desc').orderBy('p.id', 'desc').limit(filter.limit).offset(filter.offset).execute();
    return rows.map(toRecord);
  }
}

function toRecord(row: PersonRow): PersonRecord {
  return {
    id: row.id,
    uuid: row.uuid,
    teamId: row.team_id,
    properties: parseObject(row.properties),
    propertiesLastUpdatedAt: parseObject(row.properties_last_updated_at) as Record<string, string>,
    isIdentified: Boolean(row.is_identified),
    createdAt: row.created_at,
    version: row.version,
  };
}

function parseObject(text: string): JsonObject {
  const parsed = JSON.parse(text) as JsonObject;
  return Object.assign(Object.create(null) as JsonObject, parsed);
}
