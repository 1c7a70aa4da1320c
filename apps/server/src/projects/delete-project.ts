import { PostgresAdapter, sql } from 'kysely';
import type { EventStore } from '../storage/event-store.js';
import type { MetaDb } from '../storage/meta-schema.js';
import type { ProjectRepository } from './project-repository.js';

export interface DeleteProjectDeps {
  db: MetaDb;
  projects: ProjectRepository;
  eventStore: Pick<EventStore, 'query' | 'command'>;
}

/**
 * Deletes a project and everything stored for it: its row first (its token stops working at once), then its rows in
 * every table keyed by `team_id`, in the meta store and in the event store. The tables are looked up rather than
 * listed so that a feature adding a table never leaves a deleted project's rows behind. Users whose current project
 * it was move to another project they can reach.
 */
export async function deleteProject(deps: DeleteProjectDeps, projectId: number): Promise<void> {
  const metaTables = await metaTablesWithTeamId(deps.db);
  await deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('projects').where('id', '=', projectId).execute();
    for (const table of metaTables) await sql`DELETE FROM ${sql.table(table)} WHERE team_id = ${projectId}`.execute(trx);
    await repointCurrentProjects(trx, [projectId]);
  });
  await deps.projects.changed();
  for (const table of await eventTablesWithTeamId(deps.eventStore)) {
    await deps.eventStore.command(`DELETE FROM ${table} WHERE team_id = {team:Int64}`, { team: projectId });
  }
}

/**
 * Users whose current project is one of `staleIds` (deleted, or in an organization they left) get the first
 * project of their organizations instead, or none.
 */
export async function repointCurrentProjects(db: MetaDb, staleIds: readonly number[]): Promise<void> {
  if (staleIds.length === 0) return;
  await db
    .updateTable('users')
    .set((eb) => ({
      current_project_id: eb
        .selectFrom('projects as p')
        .innerJoin('organization_memberships as m', 'm.organization_id', 'p.organization_id')
        .select((e) => e.fn.min('p.id').as('first'))
        .whereRef('m.user_id', '=', 'users.id')
        .where('p.id', 'not in', [...staleIds]),
    }))
    .where('current_project_id', 'in', [...staleIds])
    .execute();
}

/** Meta tables with a `team_id` column (names come from the catalog, and are quoted as identifiers). */
async function metaTablesWithTeamId(db: MetaDb): Promise<string[]> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const { rows } = postgres
    ? await sql<{ name: string }>`
        SELECT table_name AS name FROM information_schema.columns
        WHERE column_name = 'team_id' AND table_schema = current_schema()`.execute(db)
    : await sql<{ name: string }>`
        SELECT m.name AS name FROM sqlite_master m, pragma_table_info(m.name) c
        WHERE m.type = 'table' AND c.name = 'team_id'`.execute(db);
  return [...new Set(rows.map((r) => r.name))].sort();
}

/** Event-store tables (MergeTree family, not views) with a `team_id` column. */
async function eventTablesWithTeamId(store: Pick<EventStore, 'query'>): Promise<string[]> {
  const result = await store.query(
    `SELECT name FROM system.tables
     WHERE database = currentDatabase() AND engine LIKE '%MergeTree'
       AND name IN (SELECT table FROM system.columns WHERE database = currentDatabase() AND name = 'team_id')
     ORDER BY name`,
  );
  // The names come from the store's own catalog; anything that is not a plain identifier is left alone.
  return result.rows.map((r) => String(r[0])).filter((name) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(name));
}
