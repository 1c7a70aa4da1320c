import assert from 'node:assert/strict';
import { test } from 'node:test';
import { durationText, filterFromParams, paramsFromFilter, statusOf } from './experiment-list-filter';

test('a plain URL is every status, not archived, first page; unknown values fall back to it', () => {
  assert.deepEqual(filterFromParams(new URLSearchParams('')), { status: 'all', archived: false, search: '', offset: 0 });
  assert.deepEqual(filterFromParams(new URLSearchParams('status=bogus&offset=-4&archived=yes')), { status: 'all', archived: false, search: '', offset: 0 });
});

test('a filter survives the round trip through the URL, and defaults leave it out', () => {
  const filter = { status: 'running' as const, archived: true, search: 'checkout', offset: 50 };
  assert.deepEqual(filterFromParams(paramsFromFilter(filter)), filter);
  assert.equal(paramsFromFilter({ status: 'all', archived: false, search: '', offset: 0 }).toString(), '');
});

test('status comes from the dates: no start is a draft, a start without an end is running, an end is complete', () => {
  assert.equal(statusOf({ start_date: null, end_date: null }), 'draft');
  assert.equal(statusOf({ start_date: '2026-11-01T00:00:00Z', end_date: null }), 'running');
  assert.equal(statusOf({ start_date: '2026-11-01T00:00:00Z', end_date: '2026-11-10T00:00:00Z' }), 'complete');
});

test('duration counts whole days, running or ended', () => {
  const now = Date.parse('2026-11-04T12:00:00Z');
  assert.equal(durationText(null, null, now), 'Not launched');
  assert.equal(durationText('2026-11-04T08:00:00Z', null, now), 'Running for less than a day');
  assert.equal(durationText('2026-11-03T08:00:00Z', null, now), 'Running for 1 day');
  assert.equal(durationText('2026-11-01T00:00:00Z', '2026-11-15T00:00:00Z', now), 'Ran for 14 days');
});
