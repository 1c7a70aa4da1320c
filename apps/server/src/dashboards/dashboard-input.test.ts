import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dashboardInputFrom } from './dashboard-input.js';
import type { DashboardRecord } from './dashboard-repository.js';
import { sortedTiles } from './dashboard-view.js';
import type { TileRecord } from './tile-repository.js';

const attrOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { attr?: string }).attr;
  }
  return 'no error';
};

test('a dashboard body is merged over the stored dashboard; filters are kept unless given', () => {
  const created = dashboardInputFrom({ name: 'Growth', filters: { date_from: '-30d' }, tags: ['kpi'] }, null);
  assert.deepEqual(created.write, { name: 'Growth', description: '', pinned: false, tags: ['kpi'], filters: { date_from: '-30d' }, deleted: false });
  assert.equal(created.filtersGiven, true);
  const stored = { ...created.write, id: 1 } as unknown as DashboardRecord;
  const patched = dashboardInputFrom({ pinned: true }, stored);
  assert.deepEqual([patched.write.name, patched.write.pinned, patched.write.filters, patched.filtersGiven], ['Growth', true, { date_from: '-30d' }, false]);
  assert.deepEqual(dashboardInputFrom({ filters: {} }, stored).write.filters, {}, 'an empty object clears them');
});

test('tiles entries: a new text, a text edit, a layout change, a removal and a new insight tile', () => {
  const { tiles } = dashboardInputFrom(
    {
      tiles: [
        { text: { body: '## Notes' }, layouts: { sm: { x: 0, y: 0, w: 12, h: 2 } } },
        { id: 3, text: { id: 9, body: 'edited' } },
        { id: 4, layouts: { sm: { x: 6, y: 0, w: 6, h: 5 } }, color: 'blue', insight: { id: 77, name: 'ignored' } },
        { id: 5, deleted: true },
        { insight: { id: 12 } },
      ],
    },
    null,
  );
  assert.deepEqual(tiles, [
    { text: { body: '## Notes' }, layouts: { sm: { x: 0, y: 0, w: 12, h: 2 } } },
    { id: 3, text: { body: 'edited', id: 9 } },
    { id: 4, layouts: { sm: { x: 6, y: 0, w: 6, h: 5 } }, color: 'blue' },
    { id: 5, deleted: true },
    { insightId: 12 },
  ]);
});

test('bad bodies are 400s that name the field', () => {
  assert.equal(attrOf(() => dashboardInputFrom({ tiles: [{ text: { body: 'x'.repeat(4001) } }] }, null)), 'tiles__0__text__body');
  assert.equal(attrOf(() => dashboardInputFrom({ tiles: [{ id: 1, layouts: { sm: [] } }] }, null)), 'tiles__0__layouts__sm');
  assert.equal(attrOf(() => dashboardInputFrom({ tiles: 'all' }, null)), 'tiles');
  assert.equal(attrOf(() => dashboardInputFrom({ filters: [] }, null)), 'filters');
  assert.equal(attrOf(() => dashboardInputFrom({ filters: { properties: 'x' } }, null)), 'filters__properties');
  assert.equal(attrOf(() => dashboardInputFrom({ filters: { date_from: 5 } }, null)), 'filters__date_from');
  assert.equal(attrOf(() => dashboardInputFrom({ name: 'x'.repeat(401) }, null)), 'name');
  assert.equal(attrOf(() => dashboardInputFrom({ use_dashboard: 'abc' }, null)), 'use_dashboard');
  assert.equal(attrOf(() => dashboardInputFrom({ use_dashboard: 1, use_template: 'DEFAULT_APP' }, null)), null);
});

test('tiles read top to bottom, then left to right; tiles without a layout come last, oldest first', () => {
  const tile = (id: number, sm?: { x: number; y: number }) => ({ id, layouts: sm ? { sm } : {} }) as TileRecord;
  const order = sortedTiles([tile(1), tile(2, { x: 6, y: 0 }), tile(3, { x: 0, y: 5 }), tile(4, { x: 0, y: 0 }), tile(0)]).map((t) => t.id);
  assert.deepEqual(order, [4, 2, 3, 0, 1]);
});
