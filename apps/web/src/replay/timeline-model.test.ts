import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EventApi } from '@warren/shared/events-api';
import { eventMarks, placeMarks, recordingMarks, startOffsetMs } from './timeline-model';

const START = Date.parse('2024-05-01T12:00:00Z');
const event = (name: string, second: number, properties: Record<string, unknown> = {}): EventApi => ({
  id: `${name}-${second}`,
  distinct_id: 'u1',
  event: name,
  timestamp: `2024-05-01T12:00:${String(second).padStart(2, '0')}.000000+00:00`,
  properties,
  person: null,
  elements: [],
  elements_chain: '',
});

test('pageviews, custom events, rage clicks and exceptions are marked; SDK housekeeping is not', () => {
  const marks = eventMarks(
    [event('$pageview', 1, { $pathname: '/pricing' }), event('$autocapture', 2), event('signed up', 3), event('$pageleave', 4), event('$exception', 5, { $exception_message: 'boom' }), event('$rageclick', 6)],
    START,
  );
  assert.deepEqual(marks, [
    { kind: 'pageview', offsetMs: 1000, label: 'Pageview /pricing' },
    { kind: 'event', offsetMs: 3000, label: 'signed up' },
    { kind: 'error', offsetMs: 5000, label: 'Exception boom' },
    { kind: 'click', offsetMs: 6000, label: 'Rage click' },
  ]);
});

test("the recording's clicks and console errors are marked, other console levels are not", () => {
  const marks = recordingMarks([START + 1500], [
    { timestamp: START + 2000, level: 'error', text: 'boom', trace: [] },
    { timestamp: START + 2500, level: 'warn', text: 'hm', trace: [] },
  ], START);
  assert.deepEqual(marks, [
    { kind: 'click', offsetMs: 1500, label: 'Click' },
    { kind: 'error', offsetMs: 2000, label: 'Console error: boom' },
  ]);
});

test('marks are placed in percent, those outside dropped, and near ones of a kind collapsed', () => {
  const placed = placeMarks(
    [
      { kind: 'click', offsetMs: 500, label: 'Click' },
      { kind: 'click', offsetMs: 502, label: 'Click' },
      { kind: 'error', offsetMs: 501, label: 'e' },
      { kind: 'click', offsetMs: 2000, label: 'late' },
      { kind: 'click', offsetMs: -1, label: 'early' },
    ],
    1000,
  );
  assert.deepEqual(
    placed.map((m) => [m.kind, m.percent, m.count]),
    [
      ['click', 50, 2],
      ['error', 50.1, 1],
    ],
  );
  assert.deepEqual(placeMarks([{ kind: 'click', offsetMs: 0, label: 'x' }], 0), []);
});

test('a link opens at t, else at the event time less the start, never before the start', () => {
  assert.equal(startOffsetMs({ t: '2500', at: '2024-05-01T12:00:09Z' }, START), 2500);
  assert.equal(startOffsetMs({ t: null, at: '2024-05-01T12:00:09Z' }, START), 9000);
  assert.equal(startOffsetMs({ t: null, at: '2024-05-01T11:00:00Z' }, START), 0);
  assert.equal(startOffsetMs({ t: 'abc', at: null }, START), 0);
  assert.equal(startOffsetMs({ t: null, at: null }, START), 0);
});
