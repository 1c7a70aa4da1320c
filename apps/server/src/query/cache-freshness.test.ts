import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cacheTargetAge, isStale, nextAllowedRefresh } from './cache-freshness.js';

const at = (iso: string) => new Date(iso);
const refreshed = at('2024-05-01T12:00:00Z');

test('staleness windows follow the interval: minute 5 min, hour 1 h, day 6 h, week and month 1 day, none 6 h', () => {
  const windows = { minute: 5, hour: 60, day: 360, week: 1440, month: 1440, none: 360 } as const;
  for (const [freshness, minutes] of Object.entries(windows)) {
    const target = cacheTargetAge(freshness as keyof typeof windows, refreshed)!;
    assert.equal((target.getTime() - refreshed.getTime()) / 60_000, minutes, freshness);
    const age = { freshness: freshness as keyof typeof windows, lastRefresh: refreshed, dateTo: null };
    assert.equal(isStale(age, new Date(target.getTime())), false, `${freshness} is fresh up to its target age`);
    assert.equal(isStale(age, new Date(target.getTime() + 1)), true, `${freshness} is stale after it`);
  }
});

test('the lazy windows are longer: minute 15 min, hour 2 h, day 12 h', () => {
  assert.equal(cacheTargetAge('minute', refreshed, true)!.toISOString(), '2024-05-01T12:15:00.000Z');
  assert.equal(cacheTargetAge('hour', refreshed, true)!.toISOString(), '2024-05-01T14:00:00.000Z');
  const age = { freshness: 'day' as const, lastRefresh: refreshed, dateTo: null };
  const nineHoursLater = at('2024-05-01T21:00:00Z');
  assert.equal(isStale(age, nineHoursLater), true);
  assert.equal(isStale(age, nineHoursLater, true), false);
});

test('a result computed after its date range ended never goes stale', () => {
  const age = { freshness: 'hour' as const, lastRefresh: refreshed, dateTo: at('2024-04-30T23:59:59Z') };
  assert.equal(isStale(age, at('2024-06-01T00:00:00Z')), false);
  const endingNow = { ...age, dateTo: at('2024-05-01T11:59:55Z') };
  assert.equal(isStale(endingNow, at('2024-05-01T14:00:00Z')), true, 'within 10 s of the end it may still change');
});

test('always-stale results have no target age and are stale at once', () => {
  assert.equal(cacheTargetAge('always_stale', refreshed), null);
  assert.equal(isStale({ freshness: 'always_stale', lastRefresh: refreshed, dateTo: null }, refreshed), true);
});

test('clients may refresh SQL after a minute, short insights after 3 minutes, long ones after 15', () => {
  const minutes = (d: Date) => (d.getTime() - refreshed.getTime()) / 60_000;
  assert.equal(minutes(nextAllowedRefresh('day', refreshed, null, false)), 1);
  assert.equal(minutes(nextAllowedRefresh('day', refreshed, 7, true)), 3);
  assert.equal(minutes(nextAllowedRefresh('hour', refreshed, 30, true)), 3);
  assert.equal(minutes(nextAllowedRefresh('day', refreshed, 30, true)), 15);
});
