import { lazy, Suspense, useMemo } from 'react';
import { Spinner } from '../components/Spinner';
import { countryName, formatCount } from './web-format';
import { mapSummary, worldMapModel } from './world-map-model';
import type { StatsTable } from './web-stats-rows';

// The map library, its projection code and the atlas load only when a map is first shown: they stay out of the
// app shell and out of the web analytics screen's own chunk.
const WorldMapChart = lazy(() => import('./WorldMapChart').then((m) => ({ default: m.WorldMapChart })));

interface Props {
  table: StatsTable;
  busy: boolean;
  onCountryClick: (code: string) => void;
}

/** Visitors by country on a world map (a Country breakdown); clicking a country filters the page by it. */
export function WorldMap({ table, busy, onCountryClick }: Props) {
  const model = useMemo(() => worldMapModel(table), [table]);
  if (table.rows.length === 0) return <p className="muted web-empty">No data for this range and these filters.</p>;
  return (
    <div className="web-map" aria-busy={busy}>
      <Suspense fallback={<Spinner label="Loading the map" />}>
        <WorldMapChart model={model} ariaLabel={mapSummary(model, countryName)} onCountryClick={onCountryClick} />
      </Suspense>
      <div className="web-map-legend muted small">
        <span>0</span>
        <span className="web-map-scale" aria-hidden="true" />
        <span>{formatCount(model.maxVisitors)} visitors</span>
        {model.unmapped > 0 && <span className="web-map-unmapped">{formatCount(model.unmapped)} {model.unmapped === 1 ? 'visitor' : 'visitors'} from places the map cannot show: see Countries</span>}
      </div>
    </div>
  );
}
