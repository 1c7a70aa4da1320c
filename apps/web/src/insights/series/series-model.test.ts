import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cleanSeries, seriesLetter, seriesListProblem, seriesProblem, seriesTitle, withMath } from './series-model';

test('series letters run A to Z, then AA', () => {
  assert.deepEqual([0, 1, 25, 26, 27].map(seriesLetter), ['A', 'B', 'Z', 'AA', 'AB']);
});

test('switching to a count math drops the property; switching to a property math keeps it', () => {
  const sum = { kind: 'EventsNode' as const, event: 'buy', math: 'sum', math_property: 'price' };
  assert.equal(withMath(sum, 'dau').math_property, undefined);
  assert.equal(withMath(sum, 'avg').math_property, 'price');
  assert.equal(withMath({ kind: 'EventsNode', event: 'buy' }, 'p90').math_property, null);
});

test('a property math without a property, an action without an id, and no series at all are problems', () => {
  assert.equal(seriesProblem({ kind: 'EventsNode', event: 'buy', math: 'sum' }, 1), 'Series B: pick the property to take the sum of');
  assert.equal(seriesProblem({ kind: 'ActionsNode' }, 0), 'Series A: pick an action');
  assert.equal(seriesProblem({ kind: 'EventsNode', event: null }, 0), null, 'all events is a valid series');
  assert.equal(seriesListProblem([]), 'Add a series to see a result');
  assert.equal(seriesListProblem([{ kind: 'EventsNode', event: 'x' }]), null);
});

test('cleaning drops filters still being typed, empty custom names and stray math properties', () => {
  const cleaned = cleanSeries({
    kind: 'EventsNode',
    event: 'x',
    custom_name: '',
    math: 'total',
    math_property: 'price',
    properties: [{ key: '', type: 'event' }, { key: 'plan', type: 'person', value: 'pro', operator: 'exact' }],
  });
  assert.deepEqual(cleaned, { kind: 'EventsNode', event: 'x', math: 'total', properties: [{ key: 'plan', type: 'person', value: 'pro', operator: 'exact' }] });
  assert.equal(cleanSeries({ kind: 'EventsNode', event: 'x', properties: [{ key: ' ', type: 'event' }] }).properties, undefined);
});

test('a series is titled by its custom name, else its event or action', () => {
  assert.equal(seriesTitle({ kind: 'EventsNode', event: null }), 'All events');
  assert.equal(seriesTitle({ kind: 'ActionsNode', id: 3, name: 'Signed up' }), 'Signed up');
  assert.equal(seriesTitle({ kind: 'EventsNode', event: '$pageview', custom_name: 'Views' }), 'Views');
});
