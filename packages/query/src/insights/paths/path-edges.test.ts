import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shapePathEdges } from './path-edges.js';

const columns = ['source', 'target', 'value', 'average_conversion_time'].map((name) => ({ name, type: 'String' }));

test('rows become edges with numbers (64-bit counts arrive as strings), in the order the query sorted them', () => {
  const edges = shapePathEdges({ columns, rows: [['1_/a', '2_/b', '3', 1500.5], ['2_/b', '3_/c', 1, '60000']] });
  assert.deepEqual(edges, [
    { source: '1_/a', target: '2_/b', value: 3, average_conversion_time: 1500.5 },
    { source: '2_/b', target: '3_/c', value: 1, average_conversion_time: 60000 },
  ]);
});

test('edges whose source cannot be reached from a first step through the returned edges are dropped', () => {
  const rows = [
    ['1_/a', '2_/b', 5, 0],
    ['2_/b', '3_/c', 4, 0],
    ['2_/x', '3_/y', 3, 0], // its 1_ → 2_/x edge was cut by the limit
    ['3_/y', '4_/z', 2, 0],
    ['3_/c', '4_/d', 1, 0],
  ];
  assert.deepEqual(
    shapePathEdges({ columns, rows }).map((e) => `${e.source}>${e.target}`),
    ['1_/a>2_/b', '2_/b>3_/c', '3_/c>4_/d'],
  );
  assert.deepEqual(shapePathEdges({ columns, rows: [] }), []);
});
