import type { PropertyFilter } from '@warren/query/hogql/property-filter';
import type { RecordingPersonApi, SessionRecordingApi, SessionRecordingsListApi } from '@warren/shared/replay-api';
import { sessionEntrySql } from '../storage/clickhouse-schema.js';
import type { EventStore } from '../storage/event-store.js';
import type { PersonRepository } from '../identity/person-repository.js';
import { personView } from '../persons/person-view.js';
import { sessionsMatchingEvents } from './recording-event-filter.js';
import { recordingByIdSql, recordingListSql } from './recording-list-query.js';
import type { RecordingUserState } from './recording-user-state.js';
import { recordingRow, recordingView, type RecordingRow, type SessionPlace } from './recording-view.js';
import type { RecordingsQuery } from './recordings-query.js';

export interface ReaderDeps {
  store: EventStore;
  persons: PersonRepository;
  userState: RecordingUserState;
}

export interface ReaderScope {
  teamId: number;
  retentionDays: number;
  userId: number;
  /** The project's test-account filters, applied when the list asks for `filter_test_accounts`. */
  testAccountFilters?: PropertyFilter[];
}

/** Reads recordings from the event store and dresses them with the meta store's views, persons and places. */
export class RecordingReader {
  constructor(private readonly deps: ReaderDeps) {}

  async list(scope: ReaderScope, q: RecordingsQuery): Promise<SessionRecordingsListApi> {
    let sessionIds: string[] | undefined;
    const matching = await sessionsMatchingEvents(this.deps.store, scope.teamId, q, scope.testAccountFilters);
    if (matching) sessionIds = matching;
    let distinctIds = q.distinctIds;
    if (q.personUuid !== undefined) {
      const person = await this.deps.persons.findByUuid(scope.teamId, q.personUuid);
      const ids = person ? await this.deps.persons.distinctIdsOf(scope.teamId, person.id) : [];
      distinctIds = distinctIds ? distinctIds.filter((d) => ids.includes(d)) : ids;
    }
    const deletedIds = await this.deps.userState.deletedIds(scope.teamId);
    // Viewed recordings are left out in the engine like deleted ones, so pages stay full and has_next stays true.
    if (q.hideViewed) deletedIds.push(...(await this.deps.userState.viewedIds(scope.teamId, q.hideViewed === 'current-user' ? scope.userId : null)));
    const { sql, params } = recordingListSql({ ...q, distinctIds }, { teamId: scope.teamId, retentionDays: scope.retentionDays, deletedIds, sessionIds });
    const rows = (await this.deps.store.query(sql, params)).rows.map(recordingRow);
    const page = rows.slice(0, q.limit);
    return { results: await this.dress(scope, page), has_next: rows.length > q.limit, version: 4 };
  }

  /** One recording, or null when unknown, deleted or past retention. */
  async get(scope: ReaderScope, sessionId: string): Promise<SessionRecordingApi | null> {
    if (await this.deps.userState.isDeleted(scope.teamId, sessionId)) return null;
    const { sql, params } = recordingByIdSql(scope.teamId, sessionId, scope.retentionDays);
    const rows = (await this.deps.store.query(sql, params)).rows.map(recordingRow);
    if (rows.length === 0) return null;
    return (await this.dress(scope, rows))[0];
  }

  private async dress(scope: ReaderScope, rows: RecordingRow[]): Promise<SessionRecordingApi[]> {
    const ids = rows.map((r) => String(r.session_id));
    const [views, places, persons] = await Promise.all([
      this.deps.userState.viewsOf(scope.teamId, ids, scope.userId),
      this.places(scope.teamId, ids),
      this.personsOf(scope.teamId, rows.map((r) => String(r.distinct_id ?? ''))),
    ]);
    const now = new Date();
    return rows.map((row) =>
      recordingView(row, {
        now,
        retentionDays: scope.retentionDays,
        views: views.get(String(row.session_id)),
        place: places.get(String(row.session_id)),
        person: persons.get(String(row.distinct_id ?? '')) ?? null,
      }),
    );
  }

  /** Browser, OS, device, country and landing URL of each session, from its events (the sessions model). */
  private async places(teamId: number, sessionIds: string[]): Promise<Map<string, SessionPlace>> {
    const out = new Map<string, SessionPlace>();
    if (sessionIds.length === 0) return out;
    const e = sessionEntrySql;
    const result = await this.deps.store.query(
      `SELECT session_id, ${e('$browser')}, ${e('$os')}, ${e('$device_type')}, ${e('$geoip_country_code')}, ${e('$current_url')}
       FROM raw_sessions WHERE team_id = {team:Int64} AND session_id IN {ids:Array(String)} GROUP BY session_id`,
      { team: teamId, ids: sessionIds },
    );
    for (const [id, browser, os, deviceType, countryCode, currentUrl] of result.rows) {
      const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
      out.set(String(id), { browser: text(browser), os: text(os), deviceType: text(deviceType), countryCode: text(countryCode), currentUrl: text(currentUrl) });
    }
    return out;
  }

  /** The person each distinct id belongs to now (after identify / alias merges), from the meta store's id map. */
  private async personsOf(teamId: number, distinctIds: string[]): Promise<Map<string, RecordingPersonApi>> {
    const out = new Map<string, RecordingPersonApi>();
    for (const distinctId of new Set(distinctIds)) {
      if (distinctId === '') continue;
      const person = await this.deps.persons.findByDistinctId(teamId, distinctId);
      if (!person) continue;
      const view = personView(person, await this.deps.persons.distinctIdsOf(teamId, person.id));
      out.set(distinctId, { id: view.uuid, uuid: view.uuid, name: view.name, distinct_ids: view.distinct_ids, properties: view.properties, created_at: view.created_at });
    }
    return out;
  }
}
