import { ATLAS_KEY_BY_COUNTRY } from './world-map-countries';
import type { StatsTable } from './web-stats-rows';

/** One country on the map: its code, its visitors in the range, and its shape's key in the atlas. */
export interface MapCountry {
  code: string;
  visitors: number;
  atlasKey: string;
}

export interface WorldMapModel {
  /** Countries with visitors and a shape, most visitors first. */
  countries: MapCountry[];
  /** Visitors from countries the map cannot draw (too small for the atlas, or no country at all). */
  unmapped: number;
  /** The largest count: the top of the colour scale. */
  maxVisitors: number;
}

/**
 * The map's data from a WebStatsTableQuery by Country: current visitors per country code, keyed to the atlas.
 * Example: worldMapModel({ metrics: [visitors], rows: [{ value: 'US', cells: [[3, null]] }, { value: 'SG', cells: [[1, null]] }] })
 *   -> { countries: [{ code: 'US', visitors: 3, atlasKey: '840' }], unmapped: 1, maxVisitors: 3 }
 */
export function worldMapModel(table: StatsTable): WorldMapModel {
  const visitorsIndex = table.metrics.findIndex((m) => m.name === 'visitors');
  const countries: MapCountry[] = [];
  let unmapped = 0;
  for (const row of table.rows) {
    const visitors = visitorsIndex < 0 ? 0 : (row.cells[visitorsIndex]?.[0] ?? 0);
    if (visitors <= 0) continue;
    const code = typeof row.value === 'string' ? row.value.toUpperCase() : '';
    const atlasKey = ATLAS_KEY_BY_COUNTRY[code];
    if (atlasKey === undefined) unmapped += visitors;
    else countries.push({ code, visitors, atlasKey });
  }
  countries.sort((a, b) => b.visitors - a.visitors || a.code.localeCompare(b.code));
  return { countries, unmapped, maxVisitors: Math.max(0, ...countries.map((c) => c.visitors)) };
}

/** The atlas key of a shape: its ISO numeric `id`, or its name where it has none (Kosovo). */
export function atlasKeyOf(feature: { id?: string | number; properties?: { name?: string } | null }): string {
  return feature.id !== undefined && feature.id !== null ? String(feature.id) : (feature.properties?.name ?? '');
}

/**
 * The country code drawn by an atlas shape, or null for a shape no visitor's code names.
 * Example: countryOfAtlasKey('276') -> 'DE'
 */
export function countryOfAtlasKey(key: string): string | null {
  return COUNTRY_BY_ATLAS_KEY.get(key) ?? null;
}

const COUNTRY_BY_ATLAS_KEY = new Map(Object.entries(ATLAS_KEY_BY_COUNTRY).map(([code, key]) => [key, code]));

/**
 * Words for the map's accessible name: the countries in order (the table beside it has the numbers too).
 * Example: mapSummary(model, name) -> 'Visitors by country: United States 3, Germany 1'
 */
export function mapSummary(model: WorldMapModel, name: (code: string) => string): string {
  if (model.countries.length === 0) return 'Visitors by country: none on the map';
  const shown = model.countries.slice(0, 10).map((c) => `${name(c.code)} ${c.visitors}`);
  const more = model.countries.length > 10 ? `, and ${model.countries.length - 10} more` : '';
  return `Visitors by country: ${shown.join(', ')}${more}`;
}
