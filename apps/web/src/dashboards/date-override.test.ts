import assert from 'node:assert/strict';
import { test } from 'node:test';
import { customRange, dateOverrideLabel, dateOverrideOf, filtersWithDateRange, presetOf } from './date-override';

test('the date override is read from and written into the dashboard filters, other filters kept', () => {
  assert.deepEqual(dateOverrideOf({ date_from: '-7d', properties: [] }), { from: '-7d', to: null });
  assert.deepEqual(dateOverrideOf(null), { from: null, to: null });
  assert.deepEqual(dateOverrideOf({ date_from: '' }), { from: null, to: null });
  const props = [{ key: '$browser', value: 'Chrome', type: 'event' }];
  assert.deepEqual(filtersWithDateRange({ properties: props }, { from: '2024-05-01', to: '2024-05-07' }), { properties: props, date_from: '2024-05-01', date_to: '2024-05-07' });
  assert.deepEqual(filtersWithDateRange({ properties: props, date_from: '-7d', date_to: null }, { from: null, to: null }), { properties: props }, 'clearing removes both dates');
});

test('ranges have words and a picker choice', () => {
  assert.equal(dateOverrideLabel({ from: '-30d', to: null }), 'Last 30 days');
  assert.equal(dateOverrideLabel({ from: '2024-05-01', to: '2024-05-07' }), '2024-05-01 to 2024-05-07');
  assert.equal(dateOverrideLabel({ from: '2024-05-01', to: null }), 'From 2024-05-01');
  assert.equal(dateOverrideLabel({ from: null, to: null }), "Each insight's own dates");
  assert.equal(presetOf({ from: '-30d', to: null }), '-30d');
  assert.equal(presetOf({ from: '-30d', to: '-1d' }), 'custom');
  assert.equal(presetOf({ from: null, to: null }), '');
});

test('a custom range needs a start date and an end that is not before it', () => {
  assert.deepEqual(customRange('2024-05-01', ''), { range: { from: '2024-05-01', to: null } });
  assert.deepEqual(customRange('2024-05-01', '2024-05-07'), { range: { from: '2024-05-01', to: '2024-05-07' } });
  assert.ok('error' in customRange('', '2024-05-07'));
  assert.ok('error' in customRange('2024-05-07', '2024-05-01'));
});
