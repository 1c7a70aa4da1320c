import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultPathsQuery } from './paths-query-model';
import { edgeActors, edgeLabel, nodeTotals, parseNodeKey, sankeyGraph } from './paths-graph-model';

const edges = [
  { source: '1_/home', target: '2_/pricing', value: 3, average_conversion_time: 1500 },
  { source: '1_/home', target: '2_/docs', value: 1, average_conversion_time: 1000 },
  { source: '2_/pricing', target: '3_/home', value: 2, average_conversion_time: 800 },
];

test('node keys split into their step and element, even when the element has underscores', () => {
  assert.deepEqual(parseNodeKey('2_/pricing'), { step: 2, element: '/pricing' });
  assert.deepEqual(parseNodeKey('12_sign_up_clicked'), { step: 12, element: 'sign_up_clicked' });
  assert.deepEqual(parseNodeKey('odd'), { step: 0, element: 'odd' });
});

test('the sankey keeps one node per step and element, labelled by the element, in its step column', () => {
  const graph = sankeyGraph(edges);
  assert.deepEqual(graph.flows[0], { from: '1_/home', to: '2_/pricing', flow: 3 });
  assert.equal(graph.labels['3_/home'], '/home');
  assert.deepEqual(graph.columns, { '1_/home': 0, '2_/pricing': 1, '2_/docs': 1, '3_/home': 2 });
});

test('node totals count what flows in, or out for first steps', () => {
  const totals = nodeTotals(edges);
  assert.equal(totals.get('1_/home'), 4);
  assert.equal(totals.get('2_/pricing'), 3);
  assert.equal(totals.get('3_/home'), 2);
});

test('an edge reads as from → to and opens the persons through it', () => {
  assert.equal(edgeLabel(edges[0]!), '/home → /pricing (step 1 to 2)');
  const q = defaultPathsQuery();
  assert.deepEqual(edgeActors(q, edges[0]!), { kind: 'InsightActorsQuery', source: q, pathStartKey: '1_/home', pathEndKey: '2_/pricing' });
});
