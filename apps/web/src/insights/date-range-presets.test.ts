import assert from 'node:assert/strict';
import { test } from 'node:test';
import { customRange, datePresetOf, dateRangeLabel, dayOf, presetRange } from './date-range-presets';

test('a relative start without an end is a preset; fixed dates or an end make it custom', () => {
  assert.equal(datePresetOf(undefined), '-7d');
  assert.equal(datePresetOf({ date_from: 'mStart' }), 'mStart');
  assert.equal(datePresetOf({ date_from: '-30d', date_to: '-1d' }), 'custom');
  assert.equal(datePresetOf({ date_from: '2024-05-01' }), 'custom');
  assert.deepEqual(presetRange('all'), { date_from: 'all', date_to: null });
});

test('custom ranges take two days in either order, and a blank end means up to now', () => {
  assert.deepEqual(customRange('2024-05-31', '2024-05-01'), { date_from: '2024-05-01', date_to: '2024-05-31' });
  assert.deepEqual(customRange('2024-05-01', ''), { date_from: '2024-05-01', date_to: null });
  assert.deepEqual(customRange('', ''), { date_from: '-7d', date_to: null });
  assert.equal(dayOf('2024-05-01T10:00:00Z'), '2024-05-01');
  assert.equal(dayOf('-7d'), '');
});

test('ranges are described in words', () => {
  assert.equal(dateRangeLabel({ date_from: '-90d' }), 'Last 90 days');
  assert.equal(dateRangeLabel({ date_from: '2024-05-01', date_to: '2024-05-31' }), '2024-05-01 – 2024-05-31');
});
