import assert from 'node:assert/strict';
import { test } from 'node:test';
import { activeMilliseconds, summarizeSnapshots } from './snapshot-summary.js';

const move = (at: number) => ({ type: 3, timestamp: at, data: { source: 1, positions: [] } });
const click = (at: number) => ({ type: 3, timestamp: at, data: { source: 2, type: 2, id: 1 } });
const console_ = (at: number, level: string) => ({ type: 6, timestamp: at, data: { plugin: 'rrweb/console@1', payload: { level, payload: ['x'] } } });

test('counts clicks, keypresses, mouse activity, console levels and URLs of a run of events', () => {
  const summary = summarizeSnapshots([
    { type: 4, timestamp: 1000, data: { href: 'https://a.test/', width: 1, height: 1 } },
    { type: 2, timestamp: 1001, data: { node: {} } },
    move(1100),
    click(1200),
    { type: 3, timestamp: 1250, data: { source: 2, type: 1, id: 1 } },
    { type: 3, timestamp: 1300, data: { source: 2, type: 4, id: 1 } },
    { type: 3, timestamp: 1400, data: { source: 5, text: '*', isChecked: false, id: 3 } },
    { type: 3, timestamp: 1450, data: { source: 5, text: '**', isChecked: false, id: 3 } },
    console_(1500, 'log'),
    console_(1501, 'info'),
    console_(1502, 'warn'),
    console_(1503, 'error'),
    console_(1504, 'assert'),
    { type: 4, timestamp: 2000, data: { href: 'https://a.test/next' } },
    { type: 4, timestamp: 2001, data: { href: 'https://a.test/' } },
  ]);
  assert.equal(summary.firstTimestampMs, 1000);
  assert.equal(summary.lastTimestampMs, 2001);
  assert.equal(summary.eventCount, 15);
  assert.equal(summary.clickCount, 2, 'click and double click');
  assert.equal(summary.keypressCount, 2);
  assert.equal(summary.mouseActivityCount, 4, 'a move and three mouse interactions');
  assert.deepEqual([summary.consoleLogCount, summary.consoleWarnCount, summary.consoleErrorCount], [2, 1, 2]);
  assert.deepEqual(summary.urls, ['https://a.test/', 'https://a.test/next']);
});

test('active time follows PostHog: active stretches end 5 s after the last active event', () => {
  // 0..3000 active, an inactive event at 4000 closes the stretch; a 10 s gap; a lone click at 13000; inactive events afterwards do not extend it beyond 5 s.
  const t0 = 1_714_564_800_000;
  const events = [move(t0), move(t0 + 1000), move(t0 + 3000), { type: 5, timestamp: t0 + 4000, data: {} }, click(t0 + 13_000), { type: 5, timestamp: t0 + 30_000, data: {} }];
  assert.equal(summarizeSnapshots(events).activeMilliseconds, 4000 + 1);
  assert.equal(activeMilliseconds([]), 0);
  assert.equal(activeMilliseconds([{ at: 5, active: false }]), 0);
});

test('events without a usable timestamp are counted but do not set the span', () => {
  const summary = summarizeSnapshots([{ type: 3, data: { source: 2, type: 2 } }, { type: 3, timestamp: 'x', data: {} }]);
  assert.equal(summary.firstTimestampMs, null);
  assert.equal(summary.clickCount, 1);
});

test('the seconds with activity are marked once each, in order, for the recording to join across batches', () => {
  const summary = summarizeSnapshots([move(12_900), click(10_100), move(10_700), console_(30_000, 'log'), move(15_000)]);
  assert.deepEqual(summary.activeSecondMarks, [10, 12, 15]);
  assert.deepEqual(summarizeSnapshots([console_(1000, 'error')]).activeSecondMarks, []);
});
