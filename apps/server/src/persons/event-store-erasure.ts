import { clickhouseTime } from '../ingest/clickhouse-time.js';
import { erasePersonRecordings } from '../replay/recording-retention.js';
import { SESSION_DAY_SQL, sessionRowsSelect } from '../storage/clickhouse-schema.js';
import type { EventStore } from '../storage/event-store.js';

/** The persons of one project whose data leaves the event store, and what they were known by. */
export interface ErasureTarget {
  teamId: number;
  personUuids: string[];
  /** Every distinct id the persons had when the deletion was asked for. */
  distinctIds: string[];
  /** Only rows stored up to this time go (ISO 8601): what arrives later is new data. */
  storedUpTo: string;
}

/**
 * The events that belong to the persons now: those of their distinct ids, and those stored under their person id
 * whose distinct id was not moved to someone else since (a split moves ids away; their events stay with their new
 * person). Rows are matched on `inserted_at` too, so events captured after the request are kept.
 */
const PERSONS_EVENTS = `team_id = {team:Int64} AND inserted_at <= {upTo:DateTime64(6, 'UTC')} AND (
    distinct_id IN {ids:Array(String)}
    OR (person_id IN {persons:Array(UUID)} AND distinct_id NOT IN (
      SELECT distinct_id FROM person_distinct_id_overrides WHERE team_id = {team:Int64}
      GROUP BY distinct_id
      HAVING argMax(is_deleted, version) = 0 AND argMax(person_id, version) NOT IN {persons:Array(UUID)})))`;

/**
 * Deletes the persons' events (lightweight DELETE: gone from every query at once, from disk at the next merge) and
 * the sessions made of them: each session they touched is dropped and made again from the events left in it (a
 * session shared with another person around a merge keeps that person's part).
 */
export async function eraseEvents(store: EventStore, target: ErasureTarget): Promise<void> {
  const touched = await store.query(`SELECT DISTINCT \`$session_id\` FROM events WHERE ${PERSONS_EVENTS} AND \`$session_id\` != ''`, params(target));
  const sessionIds = touched.rows.map((row) => String(row[0]));
  await store.command(`DELETE FROM events WHERE ${PERSONS_EVENTS}`, params(target));
  if (sessionIds.length === 0) return;
  const sessions = { team: target.teamId, sessions: sessionIds };
  // The days of these sessions change, including sessions left with no events (which the rebuild below does not
  // write, so raw_sessions' touch view would not see them): their web rollups no longer stand.
  await store.command(
    `INSERT INTO raw_session_touches SELECT {team:Int64}, ${SESSION_DAY_SQL('id')}, now64(6, 'UTC') FROM (SELECT arrayJoin({sessions:Array(String)}) AS id)`,
    sessions,
  );
  await store.command('DELETE FROM raw_sessions WHERE team_id = {team:Int64} AND session_id IN {sessions:Array(String)}', sessions);
  await store.command(
    `INSERT INTO raw_sessions ${sessionRowsSelect('team_id = {team:Int64} AND `$session_id` IN {sessions:Array(String)}')}`,
    sessions,
  );
}

/** Deletes the session recordings that have snapshots under the persons' distinct ids (snapshots and metadata). */
export async function eraseRecordings(store: EventStore, target: ErasureTarget): Promise<void> {
  await erasePersonRecordings(store, target.teamId, target.distinctIds, clickhouseTime(target.storedUpTo));
}

/** How many of the persons' events are left (a deletion is verified when none are). */
export async function remainingEvents(store: EventStore, target: ErasureTarget): Promise<number> {
  const result = await store.query(`SELECT count() FROM events WHERE ${PERSONS_EVENTS}`, params(target));
  return Number(result.rows[0]?.[0] ?? 0);
}

/**
 * Removes the persons' profiles and distinct-id overrides from the event store. Physically, not with a deleted
 * version: GDPR wants the properties gone, and a person that comes back under the same derived uuid must not be
 * hidden behind an old tombstone.
 */
export async function erasePersonRows(store: EventStore, teamId: number, personUuids: string[], distinctIds: string[]): Promise<void> {
  if (personUuids.length > 0) {
    await store.command('DELETE FROM person WHERE team_id = {team:Int64} AND id IN {persons:Array(UUID)}', { team: teamId, persons: personUuids });
  }
  if (distinctIds.length > 0) {
    await store.command('DELETE FROM person_distinct_id_overrides WHERE team_id = {team:Int64} AND distinct_id IN {ids:Array(String)}', {
      team: teamId,
      ids: distinctIds,
    });
  }
}

function params(target: ErasureTarget) {
  return { team: target.teamId, ids: target.distinctIds, persons: target.personUuids, upTo: clickhouseTime(target.storedUpTo) };
}
