/**
 * The experiment benchmark's data, generated inside ClickHouse (`INSERT … SELECT … FROM numbers(…)`): every event is
 * a pure function of its person's number through `cityHash64`, so the same person count gives the same events on
 * every run and no row passes through JavaScript.
 *
 * The model (UTC; the experiment runs 14 days from `START_DAY`, flag `bench-checkout`, control / test 50/50):
 * - exposed person `p` (0 … persons-1) is assigned control or test by hash and first calls the flag on day
 *   `hash % 14` at a random second; 10 % do so anonymously (`anon-<p>`, an anonymous person id) and are merged into
 *   their person through `person_distinct_id_overrides`, as identify does; 20 % call the flag again two days later
 *   (same variant), and 1 % of those get the other variant that time (`exclude` drops them).
 * - after exposure: `viewed_checkout` within the hour for 50 % (55 % in test), `added_payment` within 30 min for
 *   60 % of those, `purchased` within 30 min for 70 % of those (75 % in test).
 * - every person has two `$pageview`s (an hour before exposure and a day after); another `persons / 5` persons are
 *   never exposed and only view pages; 2 % of all rows go to project 2 and must never count.
 */
import type { ChdbEventStore } from '../../apps/server/src/storage/chdb-event-store.js';
import { mergeParts } from '../shared/merge-parts.js';

export const TEAM = 1;
export const FLAG_KEY = 'bench-checkout';
export const START_DAY = '2024-06-01';
export const EXPERIMENT_DAYS = 14;
const PERSONS_PER_INSERT = 200_000;

export interface Generated {
  exposedPersons: number;
  events: number;
  teamEvents: number;
  overrides: number;
  generateMs: number;
  optimizeMs: number;
}

const h = (p: string, salt: number) => `cityHash64(${p}, ${salt})`;
/** A share in [0, 1) of person `n`, independent per salt. */
const share = (salt: number) => `(${h('n', salt)} % 1000000) / 1000000`;

/** One row per person and event (team, person number, event, seconds after the start, distinct id, variant). */
function eventsSql(unexposed: boolean): string {
  const team = `if(${h('n', 1)} % 50 = 49, 2, ${TEAM})`;
  const variant = `if(${h('n', 2)} % 2 = 0, 'control', 'test')`;
  const exposedAt = `toInt64(${h('n', 3)} % ${EXPERIMENT_DAYS}) * 86400 + toInt64(${h('n', 4)} % 86400)`;
  const anon = `${h('n', 5)} % 10 = 0`;
  const isTest = `${variant} = 'test'`;
  const checkout = `${share(6)} < if(${isTest}, 0.55, 0.5)`;
  const payment = `${checkout} AND ${share(7)} < 0.6`;
  const purchase = `${payment} AND ${share(8)} < if(${isTest}, 0.75, 0.7)`;
  const again = `${share(9)} < 0.2`;
  const other = `${share(10)} < 0.01`;
  const rows = unexposed
    ? `[('$pageview', -3600, true, ''), ('$pageview', 86400, true, '')]`
    : `[
        ('$feature_flag_called', 0, true, ${variant}),
        ('$feature_flag_called', 172800, ${again}, if(${other}, if(${isTest}, 'control', 'test'), ${variant})),
        ('viewed_checkout', 60 + toInt64(${h('n', 11)} % 3600), ${checkout}, ''),
        ('added_payment', 3700 + toInt64(${h('n', 12)} % 1800), ${payment}, ''),
        ('purchased', 5600 + toInt64(${h('n', 13)} % 1800), ${purchase}, ''),
        ('$pageview', -3600, true, ''),
        ('$pageview', 86400, true, '')
      ]`;
  return `SELECT ${team} AS team, n, tupleElement(r, 1) AS event, ${exposedAt} + tupleElement(r, 2) AS at,
      if(${anon} AND tupleElement(r, 1) = '$feature_flag_called' AND tupleElement(r, 2) = 0, concat('anon-', toString(n)), concat('user-', toString(n))) AS distinct_id,
      if(${anon} AND tupleElement(r, 1) = '$feature_flag_called' AND tupleElement(r, 2) = 0, 'anon', 'user') AS kind,
      tupleElement(r, 4) AS variant
    FROM (SELECT number AS n, arrayJoin(${rows}) AS r FROM numbers({first:UInt64}, {count:UInt64})) WHERE tupleElement(r, 3)`;
}

const EVENT_COLUMNS = 'team_id, uuid, event, distinct_id, person_id, timestamp, created_at, properties, elements_chain, `$session_id`, `$window_id`';

function insertSql(unexposed: boolean): string {
  const personUuid = `UUIDNumToString(toFixedString(concat(reinterpretAsString(${h('n', 20)}), reinterpretAsString(${h('n', 21)})), 16))`;
  const anonUuid = `UUIDNumToString(toFixedString(concat(reinterpretAsString(${h('n', 22)}), reinterpretAsString(${h('n', 23)})), 16))`;
  const at = `toDateTime64(toDateTime({start:Date}, 'UTC'), 6, 'UTC') + toIntervalSecond(at)`;
  const properties = `if(event = '$feature_flag_called', toJSONString(map('$feature_flag', '${FLAG_KEY}', '$feature_flag_response', variant)), '{}')`;
  return `INSERT INTO events (${EVENT_COLUMNS})
    SELECT team, generateUUIDv4(n), event, distinct_id, toUUID(if(kind = 'anon', ${anonUuid}, ${personUuid})), ${at}, ${at}, ${properties}, '', '', ''
    FROM (${eventsSql(unexposed)})`;
}

/** Fills a freshly migrated store: `persons` exposed persons, their events, merges, and unexposed visitors. */
export async function generate(store: ChdbEventStore, persons: number, log: (line: string) => void): Promise<Generated> {
  const started = performance.now();
  const unexposedFrom = 1_000_000_000;
  for (let first = 0; first < persons; first += PERSONS_PER_INSERT) {
    await store.command(insertSql(false), { first, count: Math.min(PERSONS_PER_INSERT, persons - first), start: START_DAY });
  }
  const visitors = Math.floor(persons / 5);
  for (let first = 0; first < visitors; first += PERSONS_PER_INSERT) {
    await store.command(insertSql(true), { first: unexposedFrom + first, count: Math.min(PERSONS_PER_INSERT, visitors - first), start: START_DAY });
  }
  const personUuid = `UUIDNumToString(toFixedString(concat(reinterpretAsString(${h('number', 20)}), reinterpretAsString(${h('number', 21)})), 16))`;
  await store.command(
    `INSERT INTO person_distinct_id_overrides (team_id, distinct_id, person_id, is_deleted, version)
     SELECT if(${h('number', 1)} % 50 = 49, 2, ${TEAM}), concat('anon-', toString(number)), toUUID(${personUuid}), 0, 1
     FROM numbers({count:UInt64}) WHERE ${h('number', 5)} % 10 = 0`,
    { count: persons },
  );
  const generateMs = performance.now() - started;
  log(`  generated in ${(generateMs / 1000).toFixed(1)} s; merging parts...`);
  const optimizeStarted = performance.now();
  for (const table of ['events', 'person_distinct_id_overrides']) await mergeParts(store, table);
  const optimizeMs = performance.now() - optimizeStarted;
  const totals = await store.query(
    `SELECT (SELECT count() FROM events), (SELECT count() FROM events WHERE team_id = {team:Int64}), (SELECT count() FROM person_distinct_id_overrides),
       (SELECT uniqExact(substring(distinct_id, 6)) FROM events WHERE team_id = {team:Int64} AND event = '$feature_flag_called')`,
    { team: TEAM },
    { timeoutMs: 60_000 },
  );
  const [events, teamEvents, overrides, exposedPersons] = totals.rows[0].map(Number);
  return { exposedPersons, events, teamEvents, overrides, generateMs, optimizeMs };
}
