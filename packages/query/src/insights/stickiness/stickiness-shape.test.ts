import assert from 'node:assert/strict';
import { test } from 'node:test';
import { insightContext } from '../insight-context.js';
import { shapeStickiness, stickinessLabel, type StickinessSlot } from './stickiness-shape.js';
import { periodCount, readStickinessQuery } from './stickiness-spec.js';

const ctx = insightContext({ teamId: 1, now: new Date('2024-05-08T15:00:00Z') });
const columns = [{ name: 'num_intervals', type: 'UInt64' }, { name: 'actors', type: 'UInt64' }];
const slot: StickinessSlot = { series: { kind: 'EventsNode', event: 'x' }, order: 0, periods: 4, interval: 'day', cumulative: false };

test('exact counts land at k-1, arrive as strings or numbers, and sum to count', () => {
  const result = shapeStickiness({ columns, rows: [['1', '3'], [3, 2]] }, slot, ctx);
  assert.deepEqual([result.data, result.count, result.days], [[3, 0, 2, 0], 5, [1, 2, 3, 4]]);
  assert.equal('compare' in result, false);
});

test('cumulative data counts at least k; count is still the number of actors', () => {
  const result = shapeStickiness({ columns, rows: [[1, 3], [3, 2]] }, { ...slot, cumulative: true, compare: 'previous' }, ctx);
  assert.deepEqual([result.data, result.count, result.compare, result.compare_label], [[5, 2, 2, 0], 5, true, 'previous']);
  assert.equal(result.labels[0], '1 day or more');
});

test('labels name the interval, plural from 2', () => {
  assert.deepEqual([stickinessLabel(1, 'minute', false), stickinessLabel(2, 'week', false), stickinessLabel(3, 'month', true)], [
    '1 minute', '2 weeks', '3 months or more',
  ]);
});

test('counts beyond the number of periods are ignored rather than stretching data', () => {
  assert.deepEqual(shapeStickiness({ columns, rows: [[5, 1], [0, 1]] }, slot, ctx).data, [0, 0, 0, 0]);
});

test('the query is read with defaults: day interval, 8 days, non-cumulative, no compare', () => {
  const spec = readStickinessQuery({ kind: 'StickinessQuery', series: [{ kind: 'EventsNode', event: 'x' }] }, ctx);
  assert.deepEqual([spec.current.interval, spec.current.buckets.length, spec.cumulative, spec.previous, spec.intervalCount], ['day', 8, false, undefined, 1]);
  assert.equal(periodCount(spec.current, 3), 3);
  assert.throws(() => readStickinessQuery({ kind: 'StickinessQuery', series: [{ kind: 'Nope' } as never] }, ctx), /unsupported node kind/);
  assert.throws(
    () => readStickinessQuery({ kind: 'StickinessQuery', series: [{ kind: 'EventsNode' }], stickinessFilter: { stickinessCriteria: { operator: 'gte', value: -1 } } }, ctx),
    /stickinessCriteria.value/,
  );
});
