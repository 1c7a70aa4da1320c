import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lastJsonDocument, withExecutionLimit, sqlStringLiteral } from './chdb-event-store.js';

test('a SELECT gets the engine-side time limit in seconds, after any SETTINGS of its own and without a trailing semicolon', () => {
  assert.equal(withExecutionLimit('SELECT 1', 2500), 'SELECT 1\nSETTINGS max_execution_time = 2.5');
  assert.equal(withExecutionLimit('  with x AS (SELECT 1) SELECT * FROM x SETTINGS max_threads = 2;\n', 30_000), '  with x AS (SELECT 1) SELECT * FROM x SETTINGS max_threads = 2\nSETTINGS max_execution_time = 30');
  assert.equal(withExecutionLimit('(SELECT 1) UNION ALL (SELECT 2)', 1000), '(SELECT 1) UNION ALL (SELECT 2)\nSETTINGS max_execution_time = 1');
});

test('statements with a limit or read-only settings of their own, and statements other than reads, are left as they are', () => {
  for (const sql of ['SELECT 1 SETTINGS readonly=1, max_execution_time=10', 'SELECT 1 SETTINGS readonly=1', 'INSERT INTO t SELECT 1', 'ALTER TABLE t DELETE WHERE 1', 'CREATE TABLE t (a UInt8) ENGINE = Memory', 'SHOW TABLES']) {
    assert.equal(withExecutionLimit(sql, 1000), sql);
  }
});

test('the answer is the last JSON document: output a failed query left behind is skipped', () => {
  const leftover = '{\n\t"meta":\n\t[\n\t\t{"name": "count()", "type": "UInt64"}\n\t],\n\t"data":\n\t[\n\n\t],\n\t"rows": 0\n}\n';
  const answer = '{\n\t"meta":\n\t[\n\t\t{"name": "y", "type": "String"}\n\t],\n\t"data":\n\t[\n\t\t["{\\n\\t\\"meta\\": tricky"]\n\t],\n\t"rows": 1\n}\n';
  assert.deepEqual(lastJsonDocument(leftover + answer), JSON.parse(answer));
  assert.deepEqual(lastJsonDocument(answer), JSON.parse(answer));
});

test('a staged file path becomes a ClickHouse string literal with its quotes and backslashes escaped', () => {
  assert.equal(sqlStringLiteral('/data/rows.jsonl'), "'/data/rows.jsonl'");
  assert.equal(sqlStringLiteral("/tmp/o'brien\\x/rows.jsonl"), "'/tmp/o\\'brien\\\\x/rows.jsonl'");
});
