/**
 * The bench's events, made inside ClickHouse so no row passes through JavaScript: event `n` of `total` belongs to
 * person `n % 10,000` (distinct id `user-<p>`), lands at an even spacing over May 2024, and carries about ten
 * properties (URL, browser, OS, plan, price, a nested cart object, …); a quarter are clicks with an elements chain.
 * Every person has a person row with three properties.
 */
import { ChdbEventStore } from '../../apps/server/src/storage/chdb-event-store.js';

export const TEAM = 1;
export const RANGE = { after: '2024-05-01T00:00:00.000Z', before: '2024-06-01T00:00:00.000Z' };
const PERSONS = 10_000;
const SPAN_MICROS = 31n * 86_400n * 1_000_000n;
/** Rows per INSERT: well inside the store's 30 s statement timeout on a busy machine. */
const ROWS_PER_INSERT = 200_000;

/** Fills a new store under `dataDir` with `total` events and their persons; resolves with the time it took (ms). */
export async function fillStore(dataDir: string, total: number): Promise<number> {
  const started = performance.now();
  const store = new ChdbEventStore(dataDir);
  try {
    await store.migrate();
    await store.command(`INSERT INTO person (team_id, id, created_at, properties, is_identified, is_deleted, version)
      SELECT ${TEAM}, reinterpretAsUUID(sipHash128(concat('person-', toString(number)))), now64(3),
        concat('{"email":"user', toString(number), '@example.com","name":"User ', toString(number), '","plan":"free"}'), 1, 0, 1
      FROM numbers(${PERSONS})`);
    for (let from = 0; from < total; from += ROWS_PER_INSERT) {
      const count = Math.min(ROWS_PER_INSERT, total - from);
      await store.command(eventsInsert(from, count, total));
    }
    return performance.now() - started;
  } finally {
    await store.close();
  }
}

function eventsInsert(from: number, count: number, total: number): string {
  const person = `toString(number % ${PERSONS})`;
  return `INSERT INTO events (team_id, uuid, event, distinct_id, person_id, timestamp, created_at, properties, elements_chain, \`$session_id\`)
    SELECT ${TEAM}, generateUUIDv4(number),
      if(number % 4 = 1, '$autocapture', arrayElement(['$pageview', '$pageview', 'purchase', 'signed_up'], 1 + intDiv(number, 4) % 4)),
      concat('user-', ${person}),
      reinterpretAsUUID(sipHash128(concat('person-', ${person}))),
      toDateTime64('2024-05-01 00:00:00', 6, 'UTC') + toIntervalMicrosecond(intDiv(number * ${SPAN_MICROS}, ${total})),
      now64(6),
      concat('{"$current_url":"https://shop.example/p/', toString(number % 500), '","$browser":"',
        arrayElement(['Chrome', 'Firefox', 'Safari'], 1 + number % 3), '","$os":"Linux","$lib":"web","$lib_version":"1.200.0",',
        '"plan":"', if(number % 3 = 0, 'pro', 'free'), '","price":', toString(number % 100), ',"$screen_width":1920,',
        '"cart":{"items":', toString(number % 7), ',"currency":"EUR"},"$session_id":"s', toString(intDiv(number, 20)), '"}'),
      if(number % 4 = 1, 'button.btn:text="Buy"nth-child="1"nth-of-type="1"href="/buy";div.cart:nth-child="2"nth-of-type="1"', ''),
      concat('s', toString(intDiv(number, 20)))
    FROM numbers(${from}, ${count})`;
}
