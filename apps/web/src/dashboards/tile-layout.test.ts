import assert from 'node:assert/strict';
import { test } from 'node:test';
import { arrange, gridLayout, layoutPatches, newTileBox, readingOrder, reflow, storedBox, type TileBox } from './tile-layout';

const insightTile = (id: number, sm?: object) => ({ id, layouts: sm ? { sm } : {}, text: null });
const textTile = (id: number, sm?: object) => ({ id, layouts: sm ? { sm } : {}, text: { id: 100 + id, body: 'x' } as never });
const box = (i: string, x: number, y: number, w = 6, h = 5): TileBox => ({ i, x, y, w, h, minW: 3, minH: 4 });

test('a stored layout is read with its numbers checked and clamped into the 12 columns', () => {
  assert.deepEqual(storedBox(insightTile(1, { x: 6, y: 0, w: 6, h: 5 })), { i: '1', x: 6, y: 0, w: 6, h: 5, minW: 3, minH: 4 });
  assert.deepEqual(storedBox(insightTile(1, { x: 10, y: -2, w: 20, h: 3, minW: 2, minH: 9 })), { i: '1', x: 0, y: 0, w: 12, h: 3, minW: 2, minH: 3 });
  assert.equal(storedBox(insightTile(1, { x: '6', y: 0, w: 6, h: 5 })), null, 'strings are not positions');
  assert.equal(storedBox(insightTile(1, { x: 0, y: 0, w: 0, h: 5 })), null);
  assert.equal(storedBox(insightTile(1)), null);
});

test('tiles without a layout go under the placed ones, two half-width tiles to a row', () => {
  const layout = gridLayout([insightTile(1, { x: 0, y: 0, w: 12, h: 4 }), insightTile(2), textTile(3), insightTile(4)]);
  assert.deepEqual(
    layout.map((b) => [b.i, b.x, b.y, b.w, b.h]),
    [
      ['1', 0, 0, 12, 4],
      ['2', 0, 4, 6, 5],
      ['3', 6, 4, 6, 2],
      ['4', 0, 9, 6, 5],
    ],
  );
  assert.deepEqual(newTileBox(layout, 'text'), { x: 0, y: 14, w: 6, h: 2, minW: 2, minH: 1 });
});

test('reading order is top to bottom, then left to right', () => {
  assert.deepEqual(readingOrder([box('a', 6, 0), box('b', 0, 5), box('c', 0, 0)]).map((b) => b.i), ['c', 'a', 'b']);
});

test('reflow packs boxes left to right and wraps rows at the tallest box', () => {
  const out = reflow([box('a', 9, 9, 8, 3), box('b', 0, 0, 4, 5), box('c', 0, 0, 6, 2)]);
  assert.deepEqual(out.map((b) => [b.i, b.x, b.y]), [['a', 0, 0], ['b', 8, 0], ['c', 0, 5]]);
});

test('keyboard arranging moves a tile earlier or later in reading order and resizes it within limits', () => {
  const layout = [box('1', 0, 0), box('2', 6, 0), box('3', 0, 5)];
  assert.deepEqual(readingOrder(arrange(layout, '3', 'earlier')).map((b) => b.i), ['1', '3', '2']);
  assert.deepEqual(readingOrder(arrange(layout, '1', 'later')).map((b) => b.i), ['2', '1', '3']);
  assert.deepEqual(arrange(layout, '1', 'earlier'), layout, 'the first tile cannot move earlier');
  assert.deepEqual(arrange(layout, '3', 'later'), layout, 'the last tile cannot move later');
  const wider = arrange(layout, '1', 'wider');
  assert.deepEqual(wider.map((b) => [b.i, b.x, b.y, b.w]), [['1', 0, 0, 9], ['2', 0, 5, 6], ['3', 6, 5, 6]], 'a wider tile pushes its neighbour to the next row');
  assert.equal(arrange([box('1', 0, 0, 3, 5)], '1', 'narrower')[0]!.w, 3, 'never narrower than its minimum');
  assert.equal(arrange([box('1', 0, 0, 12, 5)], '1', 'wider')[0]!.w, 12);
  assert.equal(arrange(layout, '2', 'taller').find((b) => b.i === '2')!.h, 6);
  assert.equal(arrange(layout, '2', 'shorter').find((b) => b.i === '2')!.h, 4);
  assert.deepEqual(arrange(layout, 'nope', 'later'), layout);
});

test('a layout change is sent only for the tiles that moved, keeping their other breakpoints', () => {
  const tiles = [insightTile(1, { x: 0, y: 0, w: 6, h: 5 }), { id: 2, layouts: { sm: { x: 6, y: 0, w: 6, h: 5 }, xs: { x: 0, y: 5, w: 1, h: 5 } }, text: null }, insightTile(3)];
  const patches = layoutPatches(tiles, [box('1', 0, 0), box('2', 0, 5), box('3', 6, 5)]);
  assert.deepEqual(patches, [
    { id: 2, layouts: { sm: { x: 0, y: 5, w: 6, h: 5, minW: 3, minH: 4 }, xs: { x: 0, y: 5, w: 1, h: 5 } } },
    { id: 3, layouts: { sm: { x: 6, y: 5, w: 6, h: 5, minW: 3, minH: 4 } } },
  ]);
});
