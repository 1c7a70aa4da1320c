import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  addStep, breakdownOf, defaultFunnelsQuery, funnelProblem, moveStep, removeStep, replaceStep, setBreakdown, setFunnelsFilter, stepName, type FunnelsQuery,
} from './funnel-query-model';

const ev = (event: string | null) => ({ kind: 'EventsNode' as const, event });

function funnel(...events: (string | null)[]): FunnelsQuery {
  return { ...defaultFunnelsQuery(), series: events.map(ev) };
}

test('a new funnel has two steps for the user to pick, in order, within 14 days', () => {
  const q = defaultFunnelsQuery();
  assert.equal(q.kind, 'FunnelsQuery');
  assert.deepEqual(q.series, [ev(null), ev(null)]);
  assert.equal(q.funnelsFilter?.funnelOrderType, 'ordered');
  assert.equal(q.funnelsFilter?.funnelWindowInterval, 14);
  assert.equal(q.funnelsFilter?.funnelWindowIntervalUnit, 'day');
});

test('steps move up and down by one place, and not past either end', () => {
  const q = funnel('a', 'b', 'c');
  assert.deepEqual(moveStep(q, 2, -1).series.map((s) => (s as { event: string }).event), ['a', 'c', 'b']);
  assert.deepEqual(moveStep(q, 0, 1).series.map((s) => (s as { event: string }).event), ['b', 'a', 'c']);
  assert.equal(moveStep(q, 0, -1), q);
  assert.equal(moveStep(q, 2, 1), q);
});

test('a funnel keeps at least two steps', () => {
  const q = funnel('a', 'b');
  assert.equal(removeStep(q, 0), q);
  assert.deepEqual(removeStep(funnel('a', 'b', 'c'), 1).series, [ev('a'), ev('c')]);
  assert.equal(addStep(q).series.length, 3);
});

test('removing a step drops from/to steps that would point past the end, and resets an attribution step', () => {
  let q = setFunnelsFilter(funnel('a', 'b', 'c'), { funnelFromStep: 1, funnelToStep: 2, breakdownAttributionType: 'step', breakdownAttributionValue: 2 });
  q = removeStep(q, 0);
  assert.equal(q.funnelsFilter?.funnelFromStep, undefined);
  assert.equal(q.funnelsFilter?.funnelToStep, undefined);
  assert.equal(q.funnelsFilter?.breakdownAttributionValue, 0);
  assert.ok(!('funnelFromStep' in q.funnelsFilter!), 'the key is removed, not sent as undefined');
});

test('reordering keeps from/to steps that still fit', () => {
  const q = moveStep(setFunnelsFilter(funnel('a', 'b', 'c'), { funnelFromStep: 0, funnelToStep: 2 }), 0, 1);
  assert.equal(q.funnelsFilter?.funnelFromStep, 0);
  assert.equal(q.funnelsFilter?.funnelToStep, 2);
});

test('replacing a step keeps the others', () => {
  const q = replaceStep(funnel('a', 'b'), 1, { kind: 'ActionsNode', id: 7 });
  assert.deepEqual(q.series, [ev('a'), { kind: 'ActionsNode', id: 7 }]);
});

test('a breakdown is set by property kind and key, and cleared by an empty key', () => {
  const q = setBreakdown(funnel('a', 'b'), { type: 'person', property: ' plan ' });
  assert.deepEqual(q.breakdownFilter, { breakdown_type: 'person', breakdown: 'plan' });
  assert.deepEqual(breakdownOf(q), { type: 'person', property: 'plan' });
  assert.equal('breakdownFilter' in setBreakdown(q, { type: 'event', property: '' }), false);
  assert.equal(breakdownOf(setBreakdown(q, null)), null);
});

test('steps are named by custom name, action name or event, and an empty event is all events', () => {
  assert.equal(stepName(ev(null)), 'All events');
  assert.equal(stepName(ev('signup')), 'signup');
  assert.equal(stepName({ kind: 'ActionsNode', id: 3 }, new Map([[3, 'Signed up']])), 'Signed up');
  assert.equal(stepName({ kind: 'ActionsNode', id: 4 }), 'Action 4');
  assert.equal(stepName({ kind: 'EventsNode', event: 'x', custom_name: 'Checkout' }), 'Checkout');
});

test('a funnel runs only once every step has its event or action', () => {
  assert.equal(funnelProblem(defaultFunnelsQuery()), 'Pick an event or action for steps 1 and 2.');
  assert.equal(funnelProblem(funnel('a', null, null)), 'Pick an event or action for steps 2 and 3.');
  assert.equal(funnelProblem(funnel('a', null)), 'Pick an event or action for step 2.');
  assert.equal(funnelProblem({ ...funnel('a', 'b'), series: [ev('a'), { kind: 'ActionsNode', id: 1 }] }), null);
  assert.equal(funnelProblem(funnel('a')), 'A funnel needs at least two steps.');
});
