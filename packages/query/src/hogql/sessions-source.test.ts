import assert from 'node:assert/strict';
import { test } from 'node:test';
// The storage DDL that fills raw_sessions.entry; the reader must agree with it field for field.
import { SESSION_ENTRY_FIELDS } from '../../../../apps/server/src/storage/clickhouse-schema.js';
import { ENTRY_TUPLE_FIELDS } from './sessions-source.js';

test('the sessions reader reads the entry tuple in the order the view writes it', () => {
  assert.deepEqual([...ENTRY_TUPLE_FIELDS], [...SESSION_ENTRY_FIELDS]);
});
