import assert from 'node:assert/strict';
import { test } from 'node:test';
import { insightContext } from '../insight-context.js';
import { periodDate, periodLabel, retentionRange } from './retention-periods.js';

const now = new Date('2024-05-08T15:00:00Z'); // a Wednesday
const utc = insightContext({ teamId: 1, now });
const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

test('Day: the last period holds date_to (now when absent) and there are totalIntervals of them', () => {
  const r = retentionRange(null, 'Day', 3, utc);
  assert.deepEqual(iso(r.starts), ['2024-05-06T00:00:00.000Z', '2024-05-07T00:00:00.000Z', '2024-05-08T00:00:00.000Z']);
  assert.equal(r.end.toISOString(), '2024-05-09T00:00:00.000Z');
});

test('date_from is ignored; date_to may be absolute or relative', () => {
  const absolute = retentionRange({ date_from: '-90d', date_to: '2024-05-03' }, 'Day', 2, utc);
  assert.deepEqual(iso(absolute.starts), ['2024-05-02T00:00:00.000Z', '2024-05-03T00:00:00.000Z']);
  const relative = retentionRange({ date_to: '-1d' }, 'Day', 1, utc);
  assert.deepEqual(iso(relative.starts), ['2024-05-07T00:00:00.000Z']);
});

test('Week starts on Sunday by default and on Monday for week_start_day 1', () => {
  assert.deepEqual(iso(retentionRange(null, 'Week', 2, utc).starts), ['2024-04-28T00:00:00.000Z', '2024-05-05T00:00:00.000Z']);
  const monday = insightContext({ teamId: 1, now, weekStartDay: 1 });
  const r = retentionRange(null, 'Week', 2, monday);
  assert.deepEqual(iso(r.starts), ['2024-04-29T00:00:00.000Z', '2024-05-06T00:00:00.000Z']);
  assert.equal(r.end.toISOString(), '2024-05-13T00:00:00.000Z');
});

test('Month periods are calendar months; Hour periods are not truncated to the day', () => {
  const months = retentionRange({ date_to: '2024-03-31' }, 'Month', 3, utc);
  assert.deepEqual(iso(months.starts), ['2024-01-01T00:00:00.000Z', '2024-02-01T00:00:00.000Z', '2024-03-01T00:00:00.000Z']);
  assert.equal(months.end.toISOString(), '2024-04-01T00:00:00.000Z');
  const hours = retentionRange({ date_to: '2024-05-01T10:30:00' }, 'Hour', 3, utc);
  assert.deepEqual(iso(hours.starts), ['2024-05-01T08:00:00.000Z', '2024-05-01T09:00:00.000Z', '2024-05-01T10:00:00.000Z']);
  assert.equal(hours.end.toISOString(), '2024-05-01T11:00:00.000Z');
});

test('periods are aligned in the project timezone, across a daylight-saving change', () => {
  const berlin = insightContext({ teamId: 1, now, timezone: 'Europe/Berlin' });
  const r = retentionRange({ date_to: '2024-03-31' }, 'Day', 2, berlin); // clocks go forward on March 31
  assert.deepEqual(iso(r.starts), ['2024-03-29T23:00:00.000Z', '2024-03-30T23:00:00.000Z']);
  assert.equal(r.end.toISOString(), '2024-03-31T22:00:00.000Z');
  assert.equal(periodDate(r.starts[1], 'Europe/Berlin'), '2024-03-31T00:00:00+01:00');
  assert.equal(periodDate(r.end, 'Europe/Berlin'), '2024-04-01T00:00:00+02:00');
});

test('labels are the capitalised period and its number; UTC dates end in Z', () => {
  assert.equal(periodLabel('Week', 2), 'Week 2');
  assert.equal(periodLabel('Hour', 0), 'Hour 0');
  assert.equal(periodDate(new Date('2024-05-01T00:00:00Z'), 'UTC'), '2024-05-01T00:00:00Z');
});
