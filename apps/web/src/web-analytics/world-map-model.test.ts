import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ATLAS_KEY_BY_COUNTRY } from './world-map-countries';
import { atlasKeyOf, countryOfAtlasKey, mapSummary, worldMapModel } from './world-map-model';
import type { StatsTable } from './web-stats-rows';

const visitors = { name: 'visitors', label: 'Visitors', format: 'count' as const };
const views = { name: 'views', label: 'Views', format: 'count' as const };

test('each country with visitors lands on its atlas shape; countries the atlas cannot draw are counted apart', () => {
  const table: StatsTable = {
    metrics: [visitors, views],
    rows: [
      { value: 'DE', cells: [[1, 4], [2, null]] },
      { value: 'US', cells: [[3, null], [9, null]] },
      { value: 'SG', cells: [[2, null], [2, null]] },
      { value: null, cells: [[5, null], [5, null]] },
      { value: 'gb', cells: [[1, null], [1, null]] },
      { value: 'FR', cells: [[0, 3], [0, null]] },
    ],
  };
  assert.deepEqual(worldMapModel(table), {
    countries: [
      { code: 'US', visitors: 3, atlasKey: '840' },
      { code: 'DE', visitors: 1, atlasKey: '276' },
      { code: 'GB', visitors: 1, atlasKey: '826' },
    ],
    unmapped: 2 + 5,
    maxVisitors: 3,
  });
  assert.deepEqual(worldMapModel({ metrics: [visitors], rows: [] }), { countries: [], unmapped: 0, maxVisitors: 0 });
});

test('every code in the table names a real shape of the atlas, and the atlas key leads back to the code', () => {
  const atlasPath = path.resolve(import.meta.dirname, '..', '..', '..', '..', 'node_modules', 'world-atlas', 'countries-110m.json');
  const atlas = JSON.parse(fs.readFileSync(atlasPath, 'utf8')) as { objects: { countries: { geometries: { id?: string; properties: { name: string } }[] } } };
  const shapes = new Map(atlas.objects.countries.geometries.map((g) => [atlasKeyOf(g), g.properties.name]));
  for (const [code, key] of Object.entries(ATLAS_KEY_BY_COUNTRY)) {
    assert.ok(shapes.has(key), `${code} -> ${key} is not in the atlas`);
    assert.equal(countryOfAtlasKey(key), code);
  }
  // A few by name, so a shifted table cannot pass.
  assert.equal(shapes.get(ATLAS_KEY_BY_COUNTRY.US!), 'United States of America');
  assert.equal(shapes.get(ATLAS_KEY_BY_COUNTRY.CD!), 'Dem. Rep. Congo');
  assert.equal(shapes.get(ATLAS_KEY_BY_COUNTRY.BA!), 'Bosnia and Herz.');
  assert.equal(shapes.get(ATLAS_KEY_BY_COUNTRY.XK!), 'Kosovo');
  assert.equal(shapes.get(ATLAS_KEY_BY_COUNTRY.NZ!), 'New Zealand');
  // Only the two shapes without an ISO code of their own (N. Cyprus, Somaliland) are left without one.
  assert.equal(shapes.size - Object.keys(ATLAS_KEY_BY_COUNTRY).length, 2);
});

test('the summary names the countries in order, and says so when there are none', () => {
  const model = worldMapModel({ metrics: [visitors], rows: [{ value: 'DE', cells: [[1, null]] }, { value: 'US', cells: [[3, null]] }] });
  assert.equal(mapSummary(model, (c) => c), 'Visitors by country: US 3, DE 1');
  assert.equal(mapSummary(worldMapModel({ metrics: [visitors], rows: [] }), (c) => c), 'Visitors by country: none on the map');
});
