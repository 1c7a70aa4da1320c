import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveDateRange } from '../date-range.js';
import { insightContext } from '../insight-context.js';
import { shapeLifecycle } from './lifecycle-shape.js';
import { readLifecycleQuery } from './lifecycle-spec.js';

const ctx = insightContext({ teamId: 1, now: new Date('2024-05-08T15:00:00Z') });
const range = resolveDateRange({ date_from: '2024-05-01', date_to: '2024-05-03' }, 'day', ctx);
const columns = [{ name: 'period', type: 'Int64' }, { name: 'status', type: 'String' }, { name: 'actors', type: 'UInt64' }];

test('rows fill their bucket and status; dormant is negated; 64-bit counts may arrive as strings', () => {
  const rows = [[0, 'new', '2'], [1, 'dormant', '3'], [2, 'resurrecting', 1], [1, 'returning', 4]];
  const results = shapeLifecycle({ columns, rows }, { kind: 'EventsNode', event: 'x' }, range, ctx);
  assert.deepEqual(results.map((r) => [r.status, r.data, r.count]), [
    ['new', [2, 0, 0], 2],
    ['returning', [0, 4, 0], 4],
    ['resurrecting', [0, 0, 1], 1],
    ['dormant', [0, -3, 0], -3],
  ]);
});

test('no rows still gives four all-zero results, labelled after the series', () => {
  const results = shapeLifecycle({ columns, rows: [] }, { kind: 'EventsNode', event: null }, range, ctx);
  assert.deepEqual(results.map((r) => r.label), ['All events - new', 'All events - returning', 'All events - resurrecting', 'All events - dormant']);
  assert.ok(results.every((r) => r.data.join() === '0,0,0' && r.days.length === 3));
});

test('a row outside the range or with an unknown status is ignored rather than misplaced', () => {
  const rows = [[3, 'new', 1], [-1, 'new', 1], [0, 'zombie', 1]];
  const results = shapeLifecycle({ columns, rows }, { kind: 'EventsNode', event: 'x' }, range, ctx);
  assert.ok(results.every((r) => r.count === 0));
});

test('reading a query checks the series count, field types and statuses', () => {
  const series = [{ kind: 'EventsNode' as const, event: 'x' }];
  assert.equal(readLifecycleQuery({ kind: 'LifecycleQuery', series }, ctx).range.buckets.length, 8);
  assert.throws(() => readLifecycleQuery({ kind: 'LifecycleQuery', series: [...series, ...series] }, ctx), /exactly one series/);
  assert.throws(() => readLifecycleQuery({ kind: 'LifecycleQuery', series, filterTestAccounts: 'yes' as never }, ctx), /filterTestAccounts/);
  assert.throws(() => readLifecycleQuery({ kind: 'LifecycleQuery', series, samplingFactor: 2 }, ctx), /samplingFactor/);
  assert.throws(() => readLifecycleQuery({ kind: 'LifecycleQuery', series: [{ kind: 'ActionsNode', id: 99 }] }, ctx), /Action 99 does not exist/);
});
