import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EventApi } from '@warren/shared/events-api';
import {
  completeFilters,
  eventLibrary,
  eventListQuery,
  eventLocation,
  eventPersonName,
  liveAfter,
  liveLeavesGap,
  mergeEvents,
  olderBefore,
  propertyRows,
} from './event-stream-model';

function ev(id: string, timestamp: string, extra: Partial<EventApi> = {}): EventApi {
  return { id, distinct_id: `d-${id}`, properties: {}, event: 'e', timestamp, person: null, elements: [], elements_chain: '', ...extra };
}

test('merging keeps each event once, newest first, ordering equal milliseconds by their microseconds', () => {
  const a = ev('a', '2024-05-01T12:00:00.100000+00:00');
  const b = ev('b', '2024-05-01T12:00:01.000000+00:00');
  const c1 = ev('c1', '2024-05-01T12:00:00.100200+00:00');
  const c2 = ev('c2', '2024-05-01T11:59:59.000000+00:00');
  assert.deepEqual(mergeEvents([b, a], [a, c1, c2]).map((e) => e.id), ['b', 'c1', 'a', 'c2']);
  assert.deepEqual(mergeEvents([], []), []);
});

test('a live check looks back a minute from the newest event shown, or over all time when none is', () => {
  assert.equal(liveAfter([ev('a', '2024-05-01T12:01:00.500000+00:00')]), '2024-05-01T12:00:00.500Z');
  assert.equal(liveAfter([]), undefined);
});

test('a full live answer that does not reach the newest shown event leaves a gap; one that overlaps does not', () => {
  const shown = [ev('s', '2024-05-01T12:00:00+00:00')];
  const later = [ev('x', '2024-05-01T12:00:03+00:00'), ev('y', '2024-05-01T12:00:02+00:00')];
  assert.equal(liveLeavesGap(later, 2, shown), true);
  assert.equal(liveLeavesGap(later, 3, shown), false, 'not a full page: everything after was returned');
  assert.equal(liveLeavesGap([later[0]!, shown[0]!], 2, shown), false, 'reaches back to what is shown');
  assert.equal(liveLeavesGap(later, 2, []), false);
});

test('the next older page starts a millisecond after the last row, so rows sharing its millisecond are not skipped', () => {
  const page = [ev('a', '2024-05-01T12:00:01.000000+00:00'), ev('b', '2024-05-01T12:00:00.123456+00:00')];
  assert.equal(olderBefore(page, 2), '2024-05-01T12:00:00.124Z');
  assert.equal(olderBefore(page, 3), undefined, 'a short page is the last');
  assert.equal(olderBefore([], 2), undefined);
});

test('a full page within one millisecond moves past it instead of asking for the same page again', () => {
  const page = [ev('a', '2024-05-01T12:00:00.123900+00:00'), ev('b', '2024-05-01T12:00:00.123100+00:00')];
  assert.equal(olderBefore(page, 2), '2024-05-01T12:00:00.123100+00:00');
});

test('location, library and person name come from the usual properties, with fallbacks', () => {
  const web = ev('a', '2024-05-01T12:00:00+00:00', {
    properties: { $current_url: 'https://x.test/pricing', $lib: 'web', $lib_version: '1.2.3' },
    person: { id: 'p', is_identified: true, properties: { email: 'ana@x.test' } },
  });
  assert.equal(eventLocation(web), 'https://x.test/pricing');
  assert.equal(eventLibrary(web), 'web 1.2.3');
  assert.equal(eventPersonName(web), 'ana@x.test');
  const mobile = ev('b', '2024-05-01T12:00:00+00:00', { properties: { $screen_name: 'Home', $lib: 'posthog-ios' } });
  assert.equal(eventLocation(mobile), 'Home');
  assert.equal(eventLibrary(mobile), 'posthog-ios');
  assert.equal(eventPersonName(mobile), 'd-b');
  assert.equal(eventLocation(ev('c', '2024-05-01T12:00:00+00:00')), '');
});

test('properties list custom ones before PostHog ones, values as text', () => {
  assert.deepEqual(propertyRows({ $lib: 'web', plan: 'pro', n: 2, tags: ['a'], gone: null }), [
    ['gone', 'null'],
    ['n', '2'],
    ['plan', 'pro'],
    ['tags', '["a"]'],
    ['$lib', 'web'],
  ]);
});

test('half-made filters are not sent, and an empty filter set sends no properties at all', () => {
  const filters = [
    { key: '', type: 'event' as const, operator: 'exact' as const, value: 'x' },
    { key: 'plan', type: 'event' as const, operator: 'exact' as const, value: '' },
    { key: 'plan', type: 'event' as const, operator: 'exact' as const, value: 'pro' },
    { key: 'email', type: 'person' as const, operator: 'is_set' as const, value: null },
  ];
  assert.deepEqual(completeFilters(filters), [filters[2], filters[3]]);
  assert.deepEqual(eventListQuery({ event: ' signed up ', properties: filters.slice(0, 2) }), { event: 'signed up', properties: undefined, person_id: undefined });
  assert.equal(eventListQuery({ properties: [filters[2]!] }).properties, JSON.stringify([filters[2]]));
});
