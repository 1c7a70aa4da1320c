import { useEffect, useRef } from 'react';
import { Chart, Tooltip } from 'chart.js';
import { ChoroplethController, ColorScale, GeoFeature, ProjectionScale, topojson, type IChoroplethDataPoint } from 'chartjs-chart-geo';
import type { Feature } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countriesAtlas from 'world-atlas/countries-110m.json';
import { countryName } from './web-format';
import { atlasKeyOf, countryOfAtlasKey, type WorldMapModel } from './world-map-model';

Chart.register(ChoroplethController, GeoFeature, ColorScale, ProjectionScale, Tooltip);

// Parsed once per page load: 177 shapes at 1:110m, enough for a card and ~100 kB of JSON before compression.
const atlas = countriesAtlas as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
const SHAPES = (topojson.feature(atlas, atlas.objects.countries) as unknown as { features: Feature[] }).features.filter(
  // Antarctica takes a fifth of the map's height and no visitor comes from it.
  (f) => atlasKeyOf(f as { id?: string }) !== '010',
);

/** From the page's pale accent to its strong accent: more visitors, darker. */
function accentScale(t: number): string {
  const from = [0xfd, 0xf1, 0xe4];
  const to = [0x92, 0x40, 0x0e];
  const mix = from.map((a, i) => Math.round(a + (to[i]! - a) * Math.max(0, Math.min(1, t))));
  return `rgb(${mix.join(',')})`;
}

interface Props {
  model: WorldMapModel;
  ariaLabel: string;
  /** A country clicked on the map (only those with visitors are clickable). */
  onCountryClick: (code: string) => void;
}

type MapPoint = IChoroplethDataPoint & { feature: Feature; code: string | null };

/**
 * The choropleth itself (chartjs-chart-geo on Chart.js): every country shaded by its visitors, those without any
 * in grey. Loaded on its own chunk with the atlas, only when the map is shown.
 */
export function WorldMapChart({ model, ariaLabel, onCountryClick }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const clickRef = useRef(onCountryClick);
  clickRef.current = onCountryClick;

  useEffect(() => {
    if (!canvas.current) return;
    const visitors = new Map(model.countries.map((c) => [c.atlasKey, c.visitors]));
    const data: MapPoint[] = SHAPES.map((feature) => {
      const key = atlasKeyOf(feature as { id?: string });
      // A country without visitors has no value: the scale's `missing` grey, not its palest shade.
      return { feature, code: countryOfAtlasKey(key), value: visitors.get(key) ?? Number.NaN };
    });
    const chart = new Chart(canvas.current, {
      type: 'choropleth',
      data: {
        labels: data.map((d) => (d.code ? countryName(d.code) : String((d.feature.properties as { name?: string } | null)?.name ?? ''))),
        datasets: [{ label: 'Visitors', data, borderColor: '#ffffff', borderWidth: 0.5, hoverBorderColor: '#1f2328', hoverBorderWidth: 1 }],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        showOutline: false,
        plugins: {
          legend: { display: false },
          tooltip: {
            filter: (item) => Number.isFinite((item.raw as MapPoint).value),
            callbacks: { label: (item) => `${item.label}: ${(item.raw as MapPoint).value} visitor${(item.raw as MapPoint).value === 1 ? '' : 's'}` },
          },
        },
        scales: {
          projection: { axis: 'x', projection: 'equalEarth' },
          color: {
            axis: 'x',
            display: false,
            interpolate: accentScale,
            missing: '#e7e9ed',
            min: 0,
            max: Math.max(1, model.maxVisitors),
          },
        },
        onHover: (event, elements) => {
          const target = event.native?.target as HTMLElement | undefined;
          const point = elements[0] ? data[elements[0].index] : undefined;
          if (target) target.style.cursor = point && Number.isFinite(point.value) ? 'pointer' : 'default';
        },
        onClick: (_event, elements) => {
          const point = elements[0] ? data[elements[0].index] : undefined;
          if (point?.code && Number.isFinite(point.value)) clickRef.current(point.code);
        },
      },
    });
    return () => chart.destroy();
  }, [model]);

  return (
    <div className="web-map-frame">
      <canvas ref={canvas} role="img" aria-label={ariaLabel} />
    </div>
  );
}
