import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HogQLError } from './hogql-error.js';
import { parseHogQLExpr, parseHogQLOrderExpr, parseHogQLSelect } from './parse-hogql.js';

test('SELECT and UNION ALL parse to PostHog AST nodes', async () => {
  assert.equal((await parseHogQLSelect('SELECT event FROM events')).node, 'SelectQuery');
  assert.equal((await parseHogQLSelect('SELECT 1 UNION ALL SELECT 2')).node, 'SelectSetQuery');
  assert.equal((await parseHogQLExpr('a = 1')).node, 'CompareOperation');
  const order = await parseHogQLOrderExpr('timestamp DESC');
  assert.equal(order.order, 'DESC');
});

test('syntax errors become HogQLError with a line and column derived from the offset', async () => {
  await assert.rejects(parseHogQLSelect('SELECT 1\nFROM events WHERE ((('), (error: unknown) => {
    assert.ok(error instanceof HogQLError);
    assert.equal(error.code, 'syntax_error');
    assert.equal(error.start?.line, 2);
    assert.ok((error.start?.column ?? -1) >= 0);
    return true;
  });
});

test('constructs the parser does not implement are unsupported, empty input is a syntax error', async () => {
  await assert.rejects(parseHogQLSelect('SELECT 1 SETTINGS readonly=0'), { code: 'unsupported' });
  await assert.rejects(parseHogQLSelect('   '), { code: 'syntax_error' });
  await assert.rejects(parseHogQLSelect('x'.repeat(100_001)), { code: 'unsupported' });
});
