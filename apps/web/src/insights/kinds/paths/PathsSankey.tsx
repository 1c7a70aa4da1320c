import { useEffect, useRef } from 'react';
import { Chart, LinearScale, Tooltip } from 'chart.js';
import { Flow, SankeyController } from 'chartjs-chart-sankey';
import { SERIES_COLOURS } from '../../../charts/TimeSeriesChart';
import type { SankeyGraph } from './paths-graph-model';

Chart.register(SankeyController, Flow, LinearScale, Tooltip);

interface Props {
  graph: SankeyGraph;
  /** The clicked flow's index in `graph.flows`. */
  onFlowClick?: (index: number) => void;
  ariaLabel: string;
  /** Pixels, or `fill`: as tall as its container lets it be (a dashboard tile). */
  height?: number | 'fill';
}

/** The paths as a sankey diagram: one column per step, flows as wide as the number of paths through them. */
export function PathsSankey({ graph, onFlowClick, ariaLabel, height = 420 }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const clickRef = useRef(onFlowClick);
  clickRef.current = onFlowClick;

  useEffect(() => {
    if (!canvas.current) return;
    // One colour per element, so the same page at different steps is recognisable.
    const colours = new Map<string, string>();
    const colourOf = (key: string) => {
      const label = graph.labels[key] ?? key;
      if (!colours.has(label)) colours.set(label, SERIES_COLOURS[colours.size % SERIES_COLOURS.length]!);
      return colours.get(label)!;
    };
    const chart = new Chart(canvas.current, {
      type: 'sankey',
      data: {
        datasets: [
          {
            label: 'Paths',
            data: graph.flows,
            labels: graph.labels,
            column: graph.columns,
            colorFrom: (c) => colourOf(c.raw.from),
            colorTo: (c) => colourOf(c.raw.to),
            colorMode: 'gradient',
            size: 'max',
            nodeWidth: 12,
            parsing: { from: 'from', to: 'to', flow: 'flow' },
          },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        onClick: (_event, elements) => {
          const hit = elements[0];
          if (hit && clickRef.current) clickRef.current(hit.index);
        },
        onHover: (event, elements) => {
          const target = event.native?.target as HTMLElement | undefined;
          if (target) target.style.cursor = elements.length > 0 && clickRef.current ? 'pointer' : 'default';
        },
      },
    });
    return () => chart.destroy();
  }, [graph]);

  return (
    <div className={height === 'fill' ? 'chart-frame paths-sankey fill' : 'chart-frame paths-sankey'} style={height === 'fill' ? undefined : { height }}>
      <canvas ref={canvas} role="img" aria-label={ariaLabel} />
    </div>
  );
}
