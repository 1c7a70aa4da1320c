import { hCompare, hConstant, hField, type HSelectQuery } from '@warren/query/hogql/hogql-ast';
import { compileInsightStatement } from '@warren/query/insights/insight-statement';
import type { EventStore } from '../storage/event-store.js';
import type { MetaDb } from '../storage/meta-schema.js';
import type { CsvPeople } from './cohort-csv.js';

const CHUNK = 500;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ResolvedPeople {
  /** Person UUIDs, deduplicated. */
  personIds: string[];
  /** Identifiers that named no person of the project. */
  unmatched: number;
}

/**
 * The persons of the project an upload names: distinct ids (and, for the ones that are not, person UUIDs and
 * emails when they look like them), explicit person UUIDs and emails. Distinct ids and UUIDs are looked up in the
 * meta store, emails in the event store's persons.
 * Example: await resolveCohortPeople(deps, 1, { identifiers: ['u1'], personIds: [], emails: [] }) // { personIds: ['0190…'], unmatched: 0 }
 */
export async function resolveCohortPeople(
  deps: { db: MetaDb; store: Pick<EventStore, 'query'> },
  teamId: number,
  people: CsvPeople,
): Promise<ResolvedPeople> {
  const found = new Set<string>();
  let unmatched = 0;
  const byDistinctId = await personsOfDistinctIds(deps.db, teamId, people.identifiers);
  const rest = people.identifiers.filter((id) => !byDistinctId.has(id));
  for (const uuid of byDistinctId.values()) found.add(uuid);
  const uuids = [...people.personIds, ...rest.filter((v) => UUID.test(v)).map((v) => v.toLowerCase())];
  const existing = await existingPersons(deps.db, teamId, uuids);
  for (const uuid of existing) found.add(uuid);
  const emails = [...people.emails, ...rest.filter((v) => v.includes('@') && !existing.has(v.toLowerCase()))];
  const byEmail = await personsOfEmails(deps.store, teamId, emails);
  for (const uuid of byEmail.values()) found.add(uuid);
  for (const id of people.personIds) if (!existing.has(id)) unmatched++;
  for (const email of people.emails) if (!byEmail.has(email)) unmatched++;
  for (const id of rest) if (!existing.has(id.toLowerCase()) && !byEmail.has(id)) unmatched++;
  return { personIds: [...found], unmatched };
}

async function personsOfDistinctIds(db: MetaDb, teamId: number, distinctIds: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < distinctIds.length; i += CHUNK) {
    const rows = await db
      .selectFrom('person_distinct_ids as d')
      .innerJoin('persons as p', 'p.id', 'd.person_id')
      .select(['d.distinct_id', 'p.uuid'])
      .where('d.team_id', '=', teamId)
      .where('p.team_id', '=', teamId)
      .where('d.distinct_id', 'in', distinctIds.slice(i, i + CHUNK))
      .execute();
    for (const row of rows) out.set(row.distinct_id, row.uuid);
  }
  return out;
}

async function existingPersons(db: MetaDb, teamId: number, uuids: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < uuids.length; i += CHUNK) {
    const rows = await db.selectFrom('persons').select('uuid').where('team_id', '=', teamId).where('uuid', 'in', uuids.slice(i, i + CHUNK)).execute();
    for (const row of rows) out.add(row.uuid);
  }
  return out;
}

/** Email → person UUID through HogQL on the persons table (latest properties, project guard, bound values). */
async function personsOfEmails(store: Pick<EventStore, 'query'>, teamId: number, emails: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < emails.length; i += CHUNK) {
    const query: HSelectQuery = {
      node: 'SelectQuery',
      select: [hField('properties', 'email'), hField('id')],
      select_from: { node: 'JoinExpr', table: hField('persons') },
      where: hCompare('in', hField('properties', 'email'), { node: 'Tuple', exprs: emails.slice(i, i + CHUNK).map((e) => hConstant(e)) }),
    };
    const statement = compileInsightStatement(query, { teamId, timezone: 'UTC' });
    const { rows } = await store.query(statement.sql, statement.params, { timeoutMs: 30_000 });
    for (const [email, id] of rows) out.set(String(email), String(id));
  }
  return out;
}
