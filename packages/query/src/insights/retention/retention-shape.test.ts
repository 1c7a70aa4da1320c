import assert from 'node:assert/strict';
import { test } from 'node:test';
import { insightContext } from '../insight-context.js';
import type { StatementResult } from '../insight-statement.js';
import { parseRetentionQuery } from './retention-filter.js';
import { retentionRange } from './retention-periods.js';
import { rankBreakdowns, shapeRetention } from './retention-shape.js';

const ctx = insightContext({ teamId: 1, now: new Date('2024-05-03T12:00:00Z') });
const spec = (extra: Record<string, unknown> = {}) =>
  parseRetentionQuery({ kind: 'RetentionQuery', retentionFilter: { totalIntervals: 3 }, ...extra }, ctx);
const range = retentionRange(null, 'Day', 3, ctx);
const counts = (rows: unknown[][], breakdown = false): StatementResult => ({
  columns: [...(breakdown ? ['breakdown_value'] : []), 'start_index', 'offset', 'actors'].map((name) => ({ name, type: 'x' })),
  rows,
});
const matrix = (rows: { values: { count: number }[] }[]) => rows.map((r) => r.values.map((v) => v.count));

test('rows are triangular and oldest first, missing cells are 0, 64-bit counts arrive as strings', () => {
  const out = shapeRetention(counts([[0, 0, '5'], [0, 2, 1], [1, 0, 4], [1, 1, '2']]), spec(), range, 'UTC');
  assert.deepEqual(matrix(out), [[5, 0, 1], [4, 2], [0]]);
  assert.deepEqual(out.map((r) => r.label), ['Day 0', 'Day 1', 'Day 2']);
  assert.deepEqual(out[1].values.map((v) => v.label), ['Day 0', 'Day 1']);
  assert.deepEqual(out.map((r) => r.date), ['2024-05-01T00:00:00Z', '2024-05-02T00:00:00Z', '2024-05-03T00:00:00Z']);
  assert.equal('breakdown_value' in out[0], false);
});

test('cells outside the triangle are dropped', () => {
  assert.deepEqual(matrix(shapeRetention(counts([[2, 1, 9], [1, 2, 9], [3, 0, 9]]), spec(), range, 'UTC')), [[0, 0, 0], [0, 0], [0]]);
});

test('breakdowns come largest cohort first, each with all its rows; the rest is summed into other', () => {
  const rows = [
    ['a', 0, 0, 1], ['a', 0, 1, 1],
    ['b', 0, 0, 2], ['b', 1, 0, 2], ['b', 1, 1, 1],
    ['c', 2, 0, 1],
    ['d', 0, 0, 1], ['d', 0, 2, 1],
  ];
  const out = shapeRetention(counts(rows, true), spec({ breakdownFilter: { breakdown: 'x', breakdown_limit: 2 } }), range, 'UTC');
  assert.deepEqual(out.map((r) => r.breakdown_value), ['b', 'b', 'b', 'a', 'a', 'a', '$$_posthog_breakdown_other_$$', '$$_posthog_breakdown_other_$$', '$$_posthog_breakdown_other_$$']);
  assert.deepEqual(matrix(out.slice(0, 3)), [[2, 0, 0], [2, 1], [0]]);
  assert.deepEqual(matrix(out.slice(6)), [[1, 0, 1], [0, 0], [1]]);
});

test('ties rank by value in byte order, as ClickHouse sorts', () => {
  const m = (n: number) => [[n]];
  assert.deepEqual(rankBreakdowns(new Map([['b', m(1)], ['a', m(1)], ['$$_posthog_breakdown_null_$$', m(1)], ['z', m(2)]])), ['z', '$$_posthog_breakdown_null_$$', 'a', 'b']);
  assert.deepEqual(rankBreakdowns(new Map([['\u{1F600}', m(1)], ['\uFFFD', m(1)]])), ['\uFFFD', '\u{1F600}']);
});
