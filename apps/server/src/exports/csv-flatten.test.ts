import assert from 'node:assert/strict';
import { test } from 'node:test';
import { csvHeader, flattenForCsv } from './csv-flatten.js';

test('nested objects and lists flatten to dotted columns; empty ones give no column', () => {
  const flat = flattenForCsv({
    id: 'e1',
    properties: { $browser: 'Chrome', nested: { a: 1 }, list: ['x', { y: 2 }], empty: {}, none: [] },
    person: null,
    elements: [],
  });
  assert.deepEqual(flat, {
    id: 'e1',
    'properties.$browser': 'Chrome',
    'properties.nested.a': '1',
    'properties.list.0': 'x',
    'properties.list.1.y': '2',
    person: '',
  });
});

test('scalars print as Python prints them in a CSV cell', () => {
  assert.deepEqual(flattenForCsv({ t: true, f: false, n: null, i: 3, x: 1.5, s: 'a,"b"' }), { t: 'True', f: 'False', n: '', i: '3', x: '1.5', s: 'a,"b"' });
});

test('the header is every column, sorted by code point', () => {
  assert.deepEqual(csvHeader(new Set(['timestamp', 'properties.$os', 'event', 'person.properties.Email', 'distinct_id', 'properties.$browser'])), [
    'distinct_id',
    'event',
    'person.properties.Email',
    'properties.$browser',
    'properties.$os',
    'timestamp',
  ]);
});
