import type { DashboardTileApi } from '@warren/shared/dashboards-api';
import { useEffect, useMemo, useState } from 'react';
import ReactGridLayout, { useContainerWidth, type Layout } from 'react-grid-layout';
import 'react-grid-layout/css/styles.css';
import { DashboardTile } from './DashboardTile';
import { arrange, GRID_COLUMNS, gridLayout, layoutPatches, readingOrder, type ArrangeStep, type TileBox } from './tile-layout';

interface Props {
  projectId: number;
  tiles: DashboardTileApi[];
  refreshKey: number;
  arranging: boolean;
  /** Persists the layouts of tiles that moved (a dashboard PATCH with `tiles: [{id, layouts}]`). */
  onLayoutsChange: (patches: { id: number; layouts: Record<string, unknown> }[]) => void;
  onEditText: (tile: DashboardTileApi) => void;
  onRemove: (tile: DashboardTileApi) => void;
}

/** Below this width the grid is one column, in reading order (no dragging; the arrange buttons still work). */
const NARROW_PX = 640;
const ROW_HEIGHT_PX = 80;
const MARGIN_PX = [16, 16] as const;

/**
 * The dashboard's tiles on react-grid-layout's 12-column grid. In arrange mode a tile is dragged by its header and
 * resized from its corner, or moved with its buttons; every change is saved when the drag or resize ends. Tiles are
 * also in reading order in the page, so keyboards and screen readers meet them top to bottom.
 */
export function DashboardGrid({ projectId, tiles, refreshKey, arranging, onLayoutsChange, onEditText, onRemove }: Props) {
  const stored = useMemo(() => gridLayout(tiles), [tiles]);
  const [layout, setLayout] = useState<TileBox[]>(stored);
  // The server's answer to a save (or another change) is the truth again.
  useEffect(() => setLayout(stored), [stored]);
  const { width, containerRef, mounted } = useContainerWidth();

  const save = (next: readonly TileBox[]) => {
    setLayout([...next]);
    const patches = layoutPatches(tiles, next);
    if (patches.length > 0) onLayoutsChange(patches);
  };
  const fromGrid = (next: Layout): TileBox[] => next.map((b) => ({ i: b.i, x: b.x, y: b.y, w: b.w, h: b.h, minW: b.minW ?? 1, minH: b.minH ?? 1 }));
  const byId = new Map(tiles.map((t) => [String(t.id), t]));
  const ordered = readingOrder(layout).flatMap((b) => (byId.has(b.i) ? [byId.get(b.i)!] : []));

  const tileOf = (tile: DashboardTileApi) => (
    <DashboardTile
      tile={tile}
      projectId={projectId}
      refreshKey={refreshKey}
      arranging={arranging}
      onArrange={(step: ArrangeStep) => save(arrange(layout, String(tile.id), step))}
      onEditText={() => onEditText(tile)}
      onRemove={() => onRemove(tile)}
    />
  );

  return (
    <div ref={containerRef} className={`dashboard-grid${arranging ? ' arranging' : ''}`}>
      {mounted && width < NARROW_PX && (
        <div className="dashboard-stack">
          {ordered.map((tile) => (
            <div key={tile.id} className={`dashboard-stack-item${tile.text ? ' text' : ''}`}>
              {tileOf(tile)}
            </div>
          ))}
        </div>
      )}
      {mounted && width >= NARROW_PX && (
        <ReactGridLayout
          width={width}
          layout={layout}
          gridConfig={{ cols: GRID_COLUMNS, rowHeight: ROW_HEIGHT_PX, margin: MARGIN_PX, containerPadding: [0, 0] }}
          dragConfig={{ enabled: arranging, handle: '.tile-drag-handle', cancel: 'button, a, input, textarea, select' }}
          resizeConfig={{ enabled: arranging, handles: ['se'] }}
          onLayoutChange={(next) => setLayout(fromGrid(next))}
          onDragStop={(next) => save(fromGrid(next))}
          onResizeStop={(next) => save(fromGrid(next))}
        >
          {ordered.map((tile) => (
            <div key={String(tile.id)} className="dashboard-grid-item" data-tile-id={tile.id}>
              {tileOf(tile)}
            </div>
          ))}
        </ReactGridLayout>
      )}
    </div>
  );
}
