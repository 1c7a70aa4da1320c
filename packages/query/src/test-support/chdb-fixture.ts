import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Session } from 'chdb';
// Tests only: the real DDL keeps the generated SQL honest against the tables the server creates.
import { CLICKHOUSE_TABLES } from '../../../../apps/server/src/storage/clickhouse-schema.js';

/**
 * The fixture universe, shared by the integration tests (one chDB session per test process).
 *
 * Team 1 (ours):
 *   alice   person ALICE (2 versions; latest email alice@acme.com), distinct id `alice`
 *           - $pageview 2024-05-01 10:00Z  {$browser: Chrome, nested: {a: {b: deep}}, price: 12.5}
 *           - $pageview 2024-05-01 23:30Z  {$browser: Firefox}            (already May 2 in Europe/Berlin)
 *   bob     person BOB (bob@acme.com), distinct ids `bob` and `bob-anon`
 *           - signup    2024-05-02 08:00Z  {$browser: Safari, plan: pro}  stored with person BOB
 *           - $pageview 2024-05-01 07:00Z  {$browser: Chrome}             `bob-anon`, stored with person ANON;
 *             an override remaps `bob-anon` to BOB, and ANON is deleted (merged)
 *   group   index 0, key `acme`, {name: Acme}
 * Team 2 (someone else's): person EVE (eve@evil.com);
 *           - $pageview by `eve` {$browser: Chrome, secret: team2}
 *           - $pageview by `alice` {secret: team2-alice}, and an override remapping team 2's `alice` to EVE
 */
export const TEAM_ID = 1;
export const OTHER_TEAM_ID = 2;
export const PEOPLE = {
  alice: 'aaaaaaaa-0000-4000-8000-000000000001',
  bob: 'bbbbbbbb-0000-4000-8000-000000000002',
  anon: 'cccccccc-0000-4000-8000-000000000003',
  eve: 'eeeeeeee-0000-4000-8000-000000000005',
} as const;
export const TEAM_EVENT_COUNT = 4;

export interface QueryResult {
  meta: { name: string; type: string }[];
  rows: unknown[][];
}

export interface Fixture {
  run(compiled: { sql: string; params: Record<string, unknown> }): Promise<QueryResult>;
}

let fixture: Promise<Fixture> | undefined;

/** Opens (once per process) a chDB session in a temp dir with the server's DDL and the fixture rows. */
export function openFixture(): Promise<Fixture> {
  fixture ??= createFixture();
  return fixture;
}

async function createFixture(): Promise<Fixture> {
  const session = new Session(fs.mkdtempSync(path.join(os.tmpdir(), 'warren-query-')));
  for (const ddl of CLICKHOUSE_TABLES) session.query(ddl);
  const insert = (table: string, rows: object[]) =>
    session.insert({ table, values: Buffer.from(rows.map((r) => JSON.stringify(r)).join('\n')), format: 'JSONEachRow' });
  await insert('events', EVENTS);
  await insert('person', PERSONS);
  await insert('person_distinct_id_overrides', OVERRIDES);
  await insert('groups', [
    { team_id: TEAM_ID, group_type_index: 0, group_key: 'acme', group_properties: '{"name":"Acme"}', created_at: '2024-05-01 00:00:00', version: 1 },
    { team_id: OTHER_TEAM_ID, group_type_index: 0, group_key: 'evilcorp', group_properties: '{"name":"Evil"}', created_at: '2024-05-01 00:00:00', version: 1 },
  ]);
  return {
    async run({ sql, params }) {
      const result = await session.queryBindAsync(sql, params, { format: 'JSONCompact' });
      const json = result.json<{ meta: QueryResult['meta']; data: unknown[][] }>();
      return { meta: json.meta, rows: json.data };
    },
  };
}

let uuidCounter = 0;
const event = (team: number, distinctId: string, personId: string, name: string, at: string, properties: object) => ({
  team_id: team,
  uuid: `00000000-0000-4000-8000-${String(++uuidCounter).padStart(12, '0')}`,
  event: name,
  distinct_id: distinctId,
  person_id: personId,
  timestamp: at,
  created_at: at,
  properties: JSON.stringify(properties),
  elements_chain: '',
  $session_id: `session-${distinctId}`,
});

const EVENTS = [
  event(TEAM_ID, 'alice', PEOPLE.alice, '$pageview', '2024-05-01 10:00:00', {
    $browser: 'Chrome',
    nested: { a: { b: 'deep' } },
    price: 12.5,
  }),
  event(TEAM_ID, 'alice', PEOPLE.alice, '$pageview', '2024-05-01 23:30:00', { $browser: 'Firefox' }),
  event(TEAM_ID, 'bob', PEOPLE.bob, 'signup', '2024-05-02 08:00:00', { $browser: 'Safari', plan: 'pro' }),
  event(TEAM_ID, 'bob-anon', PEOPLE.anon, '$pageview', '2024-05-01 07:00:00', { $browser: 'Chrome' }),
  event(OTHER_TEAM_ID, 'eve', PEOPLE.eve, '$pageview', '2024-05-01 12:00:00', { $browser: 'Chrome', secret: 'team2' }),
  event(OTHER_TEAM_ID, 'alice', PEOPLE.eve, '$pageview', '2024-05-01 12:30:00', { secret: 'team2-alice' }),
];

const person = (team: number, id: string, properties: object, version: number, isDeleted = 0) => ({
  team_id: team,
  id,
  created_at: '2024-04-01 00:00:00',
  properties: JSON.stringify(properties),
  is_identified: 1,
  is_deleted: isDeleted,
  version,
});

const PERSONS = [
  person(TEAM_ID, PEOPLE.alice, { email: 'old@acme.com' }, 1),
  person(TEAM_ID, PEOPLE.alice, { email: 'alice@acme.com' }, 2),
  person(TEAM_ID, PEOPLE.bob, { email: 'bob@acme.com' }, 1),
  person(TEAM_ID, PEOPLE.anon, {}, 1),
  person(TEAM_ID, PEOPLE.anon, {}, 2, 1),
  person(OTHER_TEAM_ID, PEOPLE.eve, { email: 'eve@evil.com' }, 1),
];

const OVERRIDES = [
  { team_id: TEAM_ID, distinct_id: 'bob-anon', person_id: PEOPLE.bob, is_deleted: 0, version: 1 },
  { team_id: OTHER_TEAM_ID, distinct_id: 'alice', person_id: PEOPLE.eve, is_deleted: 0, version: 1 },
];
