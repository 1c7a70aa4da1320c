import assert from 'node:assert/strict';

/** Hostile text for injection tests: an event name, a property key and a property value that try to break out. */
export const EVIL = "'); DROP TABLE events; --";
export const EVIL_KEY = "x') OR 1=1 --`\\";
export const EVIL_VALUE = "'; SELECT * FROM system.tables; {team_id:Int64} --";

/**
 * Asserts that every physical table the printed SQL reads is restricted to the bound project and that none of the
 * hostile texts reached the SQL (user values must only ever be parameters).
 */
export function assertGuardedAndClean(sql: string, hostile: readonly string[] = [EVIL, EVIL_KEY, EVIL_VALUE, 'DROP', 'system.tables']): void {
  // A read is `FROM <table>` or, merged, `FROM <table> FINAL`; the guard must follow either at once.
  const reads = sql.match(/FROM `[^`]+`( FINAL)?(?! AS)/g) ?? [];
  assert.ok(reads.length > 0, 'the SQL reads no table');
  for (const read of reads) {
    const table = read.slice('FROM '.length).replace(/ FINAL$/, '');
    assert.ok(sql.includes(`${read} WHERE equals(${table}.\`team_id\`, {team_id:Int64})`), `unguarded read: ${read}`);
  }
  for (const text of hostile) assert.ok(!sql.includes(text), `${text} printed into SQL`);
}
