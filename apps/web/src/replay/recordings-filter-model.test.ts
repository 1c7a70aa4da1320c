import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_RECORDINGS_FILTERS, isFiltered, recordingsApiQuery, recordingsFiltersFrom, recordingsSearchParams } from './recordings-filter-model';

test('the filters round-trip through the URL, defaults leaving no trace', () => {
  const filters = { period: '-7d' as const, minDurationS: 60, distinctId: 'ana-1', event: 'signed up', consoleErrorsOnly: true, hideViewed: true, order: 'duration' as const, offset: 50 };
  const params = recordingsSearchParams(filters);
  assert.deepEqual(params, { date_from: '-7d', min_duration: '60', distinct_id: 'ana-1', event: 'signed up', errors: '1', hide_viewed: '1', order: 'duration', offset: '50' });
  assert.deepEqual(recordingsFiltersFrom(new URLSearchParams(params)), filters);
  assert.deepEqual(recordingsSearchParams(DEFAULT_RECORDINGS_FILTERS), {});
});

test('a hand-edited URL falls back to the defaults for what it got wrong', () => {
  const filters = recordingsFiltersFrom(new URLSearchParams('date_from=-1000d&order=drop table&min_duration=-3&offset=1.5&errors=yes'));
  assert.deepEqual(filters, DEFAULT_RECORDINGS_FILTERS);
});

test('the API query carries each filter in its RecordingsQuery shape, JSON-encoded', () => {
  const query = recordingsApiQuery({ ...DEFAULT_RECORDINGS_FILTERS, minDurationS: 30, distinctId: ' ana-1 ', event: 'paid', consoleErrorsOnly: true, hideViewed: true, offset: 100 });
  assert.equal(query.hide_viewed, 'current-user');
  assert.equal(query.date_from, '-3d');
  assert.deepEqual(JSON.parse(String(query.distinct_ids)), ['ana-1']);
  assert.deepEqual(JSON.parse(String(query.events)), [{ id: 'paid', type: 'events', name: 'paid' }]);
  assert.deepEqual(JSON.parse(String(query.having_predicates)), [{ type: 'recording', key: 'duration', operator: 'gt', value: 30 }]);
  assert.deepEqual(JSON.parse(String(query.console_log_filters)), [{ type: 'log_entry', key: 'level', operator: 'exact', value: ['error'] }]);
  assert.equal(query.order, 'start_time');
  assert.equal(query.order_direction, 'DESC');
  assert.equal(query.limit, 50);
  assert.equal(query.offset, 100);

  const plain = recordingsApiQuery(DEFAULT_RECORDINGS_FILTERS);
  for (const key of ['distinct_ids', 'events', 'having_predicates', 'console_log_filters', 'hide_viewed', 'offset']) assert.equal(plain[key], undefined, key);
});

test('only a narrowing filter counts as filtered; ordering and paging do not', () => {
  assert.equal(isFiltered(DEFAULT_RECORDINGS_FILTERS), false);
  assert.equal(isFiltered({ ...DEFAULT_RECORDINGS_FILTERS, order: 'duration', offset: 50 }), false);
  assert.equal(isFiltered({ ...DEFAULT_RECORDINGS_FILTERS, consoleErrorsOnly: true }), true);
  assert.equal(isFiltered({ ...DEFAULT_RECORDINGS_FILTERS, hideViewed: true }), true);
  assert.equal(isFiltered({ ...DEFAULT_RECORDINGS_FILTERS, period: '-30d' }), true);
});
