import { cohortPeopleSelect } from '@warren/query/cohorts/cohort-condition';
import { hCall, hConstant, hField, type HSelectQuery } from '@warren/query/hogql/hogql-ast';
import { compileInsightStatement } from '@warren/query/insights/insight-statement';
import type { EventStore } from '../storage/event-store.js';

const INSERT_CHUNK = 50_000;

/**
 * Cohort members in the event store's `cohort_people`, one set of rows per version. Reads go through the HogQL
 * compiler (so through the project guard); writes are inserts and fixed statements with bound values.
 */
export class CohortPeopleStore {
  constructor(private readonly store: Pick<EventStore, 'query' | 'insert' | 'command'>) {}

  /** Adds members to a version (adding a member twice is harmless: readers take distinct persons). */
  async insert(teamId: number, cohortId: number, version: number, personIds: readonly string[]): Promise<void> {
    for (let i = 0; i < personIds.length; i += INSERT_CHUNK) {
      const rows = personIds.slice(i, i + INSERT_CHUNK).map((person_id) => ({ team_id: teamId, cohort_id: cohortId, person_id, version }));
      await this.store.insert('cohort_people', rows);
    }
  }

  /** Drops every version of the cohort but `keep` (older calculations, and leftovers of failed ones). */
  async dropOtherVersions(teamId: number, cohortId: number, keep: number): Promise<void> {
    await this.store.command(
      'DELETE FROM cohort_people WHERE team_id = {team:Int64} AND cohort_id = {cohort:Int64} AND version != {keep:UInt64}',
      { team: teamId, cohort: cohortId, keep },
    );
  }

  async remove(teamId: number, cohortId: number, personId: string): Promise<void> {
    await this.store.command(
      'DELETE FROM cohort_people WHERE team_id = {team:Int64} AND cohort_id = {cohort:Int64} AND person_id = {person:UUID}',
      { team: teamId, cohort: cohortId, person: personId },
    );
  }

  async count(teamId: number, cohortId: number, version: number): Promise<number> {
    const query: HSelectQuery = {
      node: 'SelectQuery',
      select: [{ ...hCall('count', hField('person_id')), distinct: true }],
      select_from: { node: 'JoinExpr', table: cohortPeopleSelect(cohortId, version), alias: 'members' },
    };
    const { rows } = await this.run(teamId, query);
    return Number(rows[0]?.[0] ?? 0);
  }

  /** One page of members, in a stable order. */
  async page(teamId: number, cohortId: number, version: number, limit: number, offset: number): Promise<string[]> {
    const query: HSelectQuery = {
      ...cohortPeopleSelect(cohortId, version),
      distinct: true,
      order_by: [{ node: 'OrderExpr', expr: hField('person_id'), order: 'ASC' }],
      limit: hConstant(limit),
      offset: hConstant(offset),
    };
    const { rows } = await this.run(teamId, query);
    return rows.map((r) => String(r[0]));
  }

  /** Every member of a version (for the flags' in-memory index). */
  async members(teamId: number, cohortId: number, version: number): Promise<string[]> {
    const { rows } = await this.run(teamId, { ...cohortPeopleSelect(cohortId, version), distinct: true });
    return rows.map((r) => String(r[0]));
  }

  private async run(teamId: number, query: HSelectQuery) {
    const statement = compileInsightStatement(query, { teamId, timezone: 'UTC' });
    return this.store.query(statement.sql, statement.params, { timeoutMs: 30_000 });
  }
}
