import assert from 'node:assert/strict';
import { test } from 'node:test';
import { consoleEntry, isClick, networkEntries } from './plugin-events';

test('console lines show string arguments bare and others as JSON, with their level and trace', () => {
  const event = { type: 6, timestamp: 5, data: { plugin: 'rrweb/console@1', payload: { level: 'error', payload: ['"Payment failed"', '{"code":42}'], trace: ['at pay (app.js:1:2)'] } } };
  assert.deepEqual(consoleEntry(event), { timestamp: 5, level: 'error', text: 'Payment failed {"code":42}', trace: ['at pay (app.js:1:2)'] });
  assert.equal(consoleEntry({ type: 6, timestamp: 5, data: { plugin: 'rrweb/network@1', payload: {} } }), null);
  assert.equal(consoleEntry({ type: 3, timestamp: 5, data: {} }), null);
});

test('network requests are read from a batch, server timings left out, duration from start and end when missing', () => {
  const event = {
    type: 6,
    timestamp: 9,
    data: {
      plugin: 'rrweb/network@1',
      payload: {
        requests: [
          { name: 'https://x.test/api/pay', method: 'post', status: 500, duration: 31.6, initiatorType: 'fetch', timestamp: 8, transferSize: 120 },
          { name: 'db', entryType: 'serverTiming', duration: 5 },
          { name: 'https://x.test/app.js', startTime: 10, endTime: 25, initiatorType: 'script' },
          { method: 'GET' },
        ],
      },
    },
  };
  assert.deepEqual(networkEntries(event), [
    { timestamp: 8, url: 'https://x.test/api/pay', method: 'POST', status: 500, durationMs: 32, initiatorType: 'fetch', transferSize: 120 },
    { timestamp: 9, url: 'https://x.test/app.js', method: 'GET', status: null, durationMs: 15, initiatorType: 'script', transferSize: null },
  ]);
  assert.deepEqual(networkEntries({ type: 6, timestamp: 1, data: { plugin: 'rrweb/console@1', payload: { requests: [] } } }), []);
});

test('clicks and double clicks are clicks; other mouse interactions are not', () => {
  assert.equal(isClick({ type: 3, timestamp: 1, data: { source: 2, type: 2 } }), true);
  assert.equal(isClick({ type: 3, timestamp: 1, data: { source: 2, type: 4 } }), true);
  assert.equal(isClick({ type: 3, timestamp: 1, data: { source: 2, type: 1 } }), false);
  assert.equal(isClick({ type: 3, timestamp: 1, data: { source: 1 } }), false);
});
