import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CLICKHOUSE_FUNCTIONS } from '../sql/clickhouse-functions.js';
import { allHogQLFunctions, findHogQLFunction } from './functions.js';

test('every HogQL function prints as a ClickHouse function the printer allows', () => {
  for (const [name, fn] of allHogQLFunctions()) {
    assert.ok(CLICKHOUSE_FUNCTIONS.has(fn.clickhouse), `${name} -> ${fn.clickhouse} is not on the printer allowlist`);
    assert.ok(fn.minArgs <= fn.maxArgs, name);
    if (fn.timezoneAt !== undefined) assert.ok(fn.timezoneAt >= fn.minArgs && fn.timezoneAt < fn.maxArgs, name);
  }
});

test('lookup is case-insensitive and returns the canonical ClickHouse name', () => {
  assert.equal(findHogQLFunction('COUNT')?.clickhouse, 'count');
  assert.equal(findHogQLFunction('tostartofday')?.clickhouse, 'toStartOfDay');
  assert.equal(findHogQLFunction('substr')?.clickhouse, 'substring');
  assert.equal(findHogQLFunction('count')?.aggregate, true);
  assert.equal(findHogQLFunction('lower')?.aggregate, undefined);
});

test('functions that read outside the query are not in the table', () => {
  for (const name of ['file', 'url', 'remote', 's3', 'dictGet', 'joinGet', 'getSetting', 'currentDatabase', 'cast', 'JSONExtract', 'accurateCastOrNull', 'sleep']) {
    assert.equal(findHogQLFunction(name), undefined, name);
  }
});
