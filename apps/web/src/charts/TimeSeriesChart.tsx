import { useEffect, useRef } from 'react';
import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Filler,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PieController,
  PointElement,
  Tooltip,
  type ChartType,
} from 'chart.js';
import './charts.css';

Chart.register(LineController, BarController, PieController, DoughnutController, LineElement, BarElement, PointElement, ArcElement, CategoryScale, LinearScale, Tooltip, Legend, Filler);

export const SERIES_COLOURS = ['#1d4aff', '#cd0f74', '#43827e', '#621da6', '#f04f58', '#7fa5ff', '#b45309', '#15803d', '#0891b2', '#a16207'];

export interface ChartSeries {
  label: string;
  data: number[];
  /** Drawn dashed (the previous period of a comparison). */
  dashed?: boolean;
}

interface Props {
  labels: string[];
  series: ChartSeries[];
  type?: 'line' | 'bar' | 'pie';
  stacked?: boolean;
  /** Clicked point: which series and which label index. */
  onPointClick?: (seriesIndex: number, labelIndex: number) => void;
  /** Accessible summary of what the chart shows (the table beside it carries the numbers). */
  ariaLabel: string;
  /** Pixels, or `fill`: as tall as its container lets it be (a dashboard tile), see `.chart-frame.fill`. */
  height?: number | 'fill';
}

/** A Chart.js line, bar or pie chart of series over labels (dates or categories). */
export function TimeSeriesChart({ labels, series, type = 'line', stacked = false, onPointClick, ariaLabel, height = 320 }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart | null>(null);
  const clickRef = useRef(onPointClick);
  clickRef.current = onPointClick;

  useEffect(() => {
    if (!canvas.current) return;
    const pie = type === 'pie';
    chart.current = new Chart(canvas.current, {
      type: type as ChartType,
      data: {
        labels: pie ? series.map((s) => s.label) : labels,
        datasets: pie
          ? [{ data: series.map((s) => s.data.reduce((a, b) => a + b, 0)), backgroundColor: series.map((_, i) => SERIES_COLOURS[i % SERIES_COLOURS.length]) }]
          : series.map((s, i) => ({
              label: s.label,
              data: s.data,
              borderColor: SERIES_COLOURS[i % SERIES_COLOURS.length],
              backgroundColor: SERIES_COLOURS[i % SERIES_COLOURS.length] + (type === 'bar' ? 'cc' : '22'),
              borderDash: s.dashed ? [6, 4] : undefined,
              // Monotone curves never overshoot between points (a count never dips below zero on the chart).
              cubicInterpolationMode: 'monotone' as const,
              pointRadius: labels.length > 60 ? 0 : 3,
              fill: false,
            })),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: pie ? 'nearest' : 'index', intersect: pie },
        plugins: { legend: { display: series.length > 1 || pie, position: 'bottom' } },
        scales: pie ? {} : { x: { stacked }, y: { beginAtZero: true, stacked } },
        onClick: (_event, elements) => {
          const hit = elements[0];
          if (!hit || !clickRef.current) return;
          if (pie) clickRef.current(hit.index, 0);
          else clickRef.current(hit.datasetIndex, hit.index);
        },
      },
    });
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
  }, [labels, series, type, stacked]);

  return (
    <div className={height === 'fill' ? 'chart-frame fill' : 'chart-frame'} style={height === 'fill' ? undefined : { height }}>
      <canvas ref={canvas} role="img" aria-label={ariaLabel} />
    </div>
  );
}
