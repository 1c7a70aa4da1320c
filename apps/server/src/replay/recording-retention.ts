import type { Logger } from 'pino';
import { PeriodicPass } from '../platform/periodic-pass.js';
import { toProject } from '../projects/project-repository.js';
import type { EventStore } from '../storage/event-store.js';
import type { MetaDb } from '../storage/meta-schema.js';
import { RecordingUserState } from './recording-user-state.js';

/** PostHog keeps recordings 30 days unless the project says otherwise. */
export const DEFAULT_RETENTION_DAYS = 30;
const SWEEP_INTERVAL_MS = 60 * 60_000;

/** Days a project keeps recordings. Example: retentionDaysOf({}) === 30. */
export function retentionDaysOf(project: { sessionRecordingRetentionDays?: number }): number {
  const days = project.sessionRecordingRetentionDays;
  return typeof days === 'number' && Number.isInteger(days) && days > 0 ? days : DEFAULT_RETENTION_DAYS;
}

/**
 * Deletes one project's recordings that are past retention or were deleted through the API: snapshots and summary
 * rows (lightweight DELETE: gone from every query at once). Readers already hide both, so this only frees space.
 * Returns how many recordings went.
 */
export async function sweepRecordings(store: EventStore, db: MetaDb, teamId: number, retentionDays: number): Promise<number> {
  const expired = await store.query(
    `SELECT session_id FROM session_replay_summaries WHERE team_id = {team:Int64}
     GROUP BY session_id HAVING min(start_time) <= now64(3) - toIntervalDay({days:UInt32})`,
    { team: teamId, days: retentionDays },
  );
  const userState = new RecordingUserState(db);
  const ids = [...new Set([...expired.rows.map((r) => String(r[0])), ...(await userState.deletedIds(teamId))])];
  await deleteRecordings(store, teamId, ids);
  await userState.forget(teamId, ids);
  return ids.length;
}

/** Removes recordings' snapshots and metadata from the event store. */
export async function deleteRecordings(store: EventStore, teamId: number, sessionIds: string[]): Promise<void> {
  if (sessionIds.length === 0) return;
  const params = { team: teamId, sessions: sessionIds };
  await store.command('DELETE FROM session_replay_events WHERE team_id = {team:Int64} AND session_id IN {sessions:Array(String)}', params);
  await store.command('DELETE FROM session_replay_summaries WHERE team_id = {team:Int64} AND session_id IN {sessions:Array(String)}', params);
}

/**
 * Deletes the recordings of a deleted person: every session that has a snapshot under one of their distinct ids,
 * whole (a session is one user's screen), stored up to `upTo` (`YYYY-MM-DD hh:mm:ss.ffffff`, UTC).
 */
export async function erasePersonRecordings(store: EventStore, teamId: number, distinctIds: string[], upTo: string): Promise<void> {
  if (distinctIds.length === 0) return;
  const sessions = await store.query(
    `SELECT DISTINCT session_id FROM session_replay_events
     WHERE team_id = {team:Int64} AND inserted_at <= {upTo:DateTime64(6, 'UTC')} AND distinct_id IN {ids:Array(String)}`,
    { team: teamId, ids: distinctIds, upTo },
  );
  await deleteRecordings(store, teamId, sessions.rows.map((r) => String(r[0])));
}

/** Sweeps every project hourly (the first time half a minute after start); returns the stop function, which waits for a sweep under way. */
export function startRecordingRetentionSweep(store: EventStore, db: MetaDb, logger: Logger): () => Promise<void> {
  const sweep = async () => {
    for (const row of await db.selectFrom('projects').selectAll().execute()) {
      const project = toProject(row);
      const swept = await sweepRecordings(store, db, project.id, retentionDaysOf(project));
      if (swept > 0) logger.info({ teamId: project.id, recordings: swept }, 'expired and deleted recordings removed');
    }
  };
  const passes = new PeriodicPass(sweep, SWEEP_INTERVAL_MS, (error) => logger.error({ err: error }, 'recording retention sweep failed; will retry'), 30_000);
  passes.start();
  return () => passes.stop();
}
