import type { DashboardTileApi } from '@warren/shared/dashboards-api';

/** Columns of the dashboard grid (PostHog's `sm` breakpoint). */
export const GRID_COLUMNS = 12;

/** A tile's place on the 12-column grid, in grid units; `i` is the tile id as react-grid-layout keys items. */
export interface TileBox {
  i: string;
  x: number;
  y: number;
  w: number;
  h: number;
  minW: number;
  minH: number;
}

type Size = Pick<TileBox, 'w' | 'h' | 'minW' | 'minH'>;

/** New tiles' sizes, as PostHog places them: insights half the width, texts a short strip. */
const INSIGHT_SIZE: Size = { w: 6, h: 5, minW: 3, minH: 4 };
const TEXT_SIZE: Size = { w: 6, h: 2, minW: 2, minH: 1 };

export function defaultSize(kind: 'insight' | 'text'): Size {
  return kind === 'insight' ? INSIGHT_SIZE : TEXT_SIZE;
}

/**
 * The stored `sm` layout of a tile, or null when it has none usable. Layouts are stored as any JSON the API was
 * given, so every number is checked and the box is clamped into the grid.
 * Example: storedBox({ id: 3, layouts: { sm: { x: 6, y: 0, w: 6, h: 5 } }, … }).x === 6
 */
export function storedBox(tile: Pick<DashboardTileApi, 'id' | 'layouts' | 'text'>): TileBox | null {
  const sm = tile.layouts.sm as Record<string, unknown> | undefined;
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? Math.round(v) : null);
  const [x, y, w, h] = [num(sm?.x), num(sm?.y), num(sm?.w), num(sm?.h)];
  if (x === null || y === null || w === null || h === null || w < 1 || h < 1) return null;
  const size = defaultSize(tile.text ? 'text' : 'insight');
  const width = Math.min(w, GRID_COLUMNS);
  return {
    i: String(tile.id),
    x: Math.max(0, Math.min(x, GRID_COLUMNS - width)),
    y: Math.max(0, y),
    w: width,
    h,
    minW: Math.min(num(sm?.minW) ?? size.minW, width),
    minH: Math.min(num(sm?.minH) ?? size.minH, h),
  };
}

/**
 * The grid layout of a dashboard: stored boxes as they are, and tiles without one placed below everything, two
 * half-width tiles to a row, in the order the server lists them.
 * Example: gridLayout([{ id: 1, layouts: {}, text: null, … }])[0] // { i: '1', x: 0, y: 0, w: 6, h: 5, … }
 */
export function gridLayout(tiles: readonly Pick<DashboardTileApi, 'id' | 'layouts' | 'text'>[]): TileBox[] {
  const placed: TileBox[] = [];
  const unplaced: Pick<DashboardTileApi, 'id' | 'layouts' | 'text'>[] = [];
  for (const tile of tiles) {
    const box = storedBox(tile);
    if (box) placed.push(box);
    else unplaced.push(tile);
  }
  let next = { x: 0, y: bottomOf(placed), rowHeight: 0 };
  for (const tile of unplaced) {
    const size = defaultSize(tile.text ? 'text' : 'insight');
    if (next.x + size.w > GRID_COLUMNS) next = { x: 0, y: next.y + next.rowHeight, rowHeight: 0 };
    placed.push({ i: String(tile.id), x: next.x, y: next.y, ...size });
    next = { x: next.x + size.w, y: next.y, rowHeight: Math.max(next.rowHeight, size.h) };
  }
  return placed;
}

/** The first free row under every box. Example: bottomOf([{ y: 0, h: 5, … }]) === 5 */
export function bottomOf(boxes: readonly Pick<TileBox, 'y' | 'h'>[]): number {
  return boxes.reduce((max, b) => Math.max(max, b.y + b.h), 0);
}

/** Where a tile added now goes: at the left, under everything. */
export function newTileBox(existing: readonly TileBox[], kind: 'insight' | 'text'): Omit<TileBox, 'i'> {
  return { x: 0, y: bottomOf(existing), ...defaultSize(kind) };
}

/** Boxes in reading order: top to bottom, then left to right (how the server orders tiles, and how screen readers meet them). */
export function readingOrder<B extends Pick<TileBox, 'x' | 'y' | 'i'>>(boxes: readonly B[]): B[] {
  return [...boxes].sort((a, b) => a.y - b.y || a.x - b.x || Number(a.i) - Number(b.i));
}

/**
 * Lays boxes out again in the given order, left to right and wrapping at the grid's width, each row as tall as its
 * tallest box: the keyboard way of arranging (move earlier or later, wider or narrower) gives a predictable grid.
 * Example: reflow([{ i: 'a', w: 6, h: 5 }, { i: 'b', w: 6, h: 2 }]) puts b at x 6, y 0.
 */
export function reflow(ordered: readonly TileBox[]): TileBox[] {
  const out: TileBox[] = [];
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  for (const box of ordered) {
    if (x + box.w > GRID_COLUMNS) {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    out.push({ ...box, x, y });
    x += box.w;
    rowHeight = Math.max(rowHeight, box.h);
  }
  return out;
}

export type ArrangeStep = 'earlier' | 'later' | 'wider' | 'narrower' | 'taller' | 'shorter';

/**
 * One keyboard arrangement step on tile `id`: swap it with its neighbour in reading order, or grow or shrink it by a
 * quarter of the grid's width (or one row), then reflow. Unchanged when the step is impossible (first tile earlier,
 * full width wider, minimum size smaller).
 * Example: arrange(layout, '2', 'earlier') puts tile 2 before the tile that preceded it.
 */
export function arrange(layout: readonly TileBox[], id: string, step: ArrangeStep): TileBox[] {
  const ordered = readingOrder(layout);
  const index = ordered.findIndex((b) => b.i === id);
  if (index < 0) return [...layout];
  const box = ordered[index]!;
  const quarter = GRID_COLUMNS / 4;
  switch (step) {
    case 'earlier':
    case 'later': {
      const other = step === 'earlier' ? index - 1 : index + 1;
      if (other < 0 || other >= ordered.length) return [...layout];
      [ordered[index], ordered[other]] = [ordered[other]!, box];
      break;
    }
    case 'wider':
      if (box.w >= GRID_COLUMNS) return [...layout];
      ordered[index] = { ...box, w: Math.min(GRID_COLUMNS, box.w + quarter) };
      break;
    case 'narrower':
      if (box.w <= box.minW) return [...layout];
      ordered[index] = { ...box, w: Math.max(box.minW, box.w - quarter) };
      break;
    case 'taller':
      ordered[index] = { ...box, h: box.h + 1 };
      break;
    case 'shorter':
      if (box.h <= box.minH) return [...layout];
      ordered[index] = { ...box, h: box.h - 1 };
      break;
  }
  return reflow(ordered);
}

/**
 * The `tiles` entries of a dashboard PATCH for the boxes that moved or changed size: each tile's stored layouts with
 * `sm` replaced (other breakpoints kept as they were). Tiles whose box is unchanged are left out.
 * Example: layoutPatches(tiles, layout) // [{ id: 3, layouts: { sm: { x: 0, y: 5, w: 6, h: 5, minW: 3, minH: 4 } } }]
 */
export function layoutPatches(
  tiles: readonly Pick<DashboardTileApi, 'id' | 'layouts' | 'text'>[],
  layout: readonly Pick<TileBox, 'i' | 'x' | 'y' | 'w' | 'h' | 'minW' | 'minH'>[],
): { id: number; layouts: Record<string, unknown> }[] {
  const patches: { id: number; layouts: Record<string, unknown> }[] = [];
  for (const tile of tiles) {
    const box = layout.find((b) => b.i === String(tile.id));
    if (!box) continue;
    const stored = storedBox(tile);
    if (stored && stored.x === box.x && stored.y === box.y && stored.w === box.w && stored.h === box.h) continue;
    const sm = { x: box.x, y: box.y, w: box.w, h: box.h, minW: box.minW, minH: box.minH };
    patches.push({ id: tile.id, layouts: { ...tile.layouts, sm } });
  }
  return patches;
}
