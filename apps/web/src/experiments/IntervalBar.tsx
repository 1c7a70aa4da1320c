import { axisText, barPosition, signedPercent, type VariantRow } from './results-model';

/**
 * The interval on the relative difference vs control, drawn on a scale shared by every variant of the metric: the
 * zero line in the middle, green when the variant wins, red when it significantly loses, grey while undecided.
 */
export function IntervalBar({ row, scale }: { row: VariantRow; scale: number }) {
  if (row.isControl || !row.interval) return <span className="muted small">{row.isControl ? 'baseline' : 'no interval yet'}</span>;
  const [lo, hi] = row.interval;
  const left = barPosition(lo, scale);
  const right = barPosition(hi, scale);
  const tone = row.winning ? 'win' : row.significant ? 'loss' : 'unsure';
  return (
    <div className="interval-bar" role="img" aria-label={`${row.key}: relative change ${row.intervalText}${row.delta !== null ? `, estimate ${signedPercent(row.delta)}` : ''}`}>
      <span className="interval-zero" style={{ left: '50%' }} />
      <span className={`interval-range interval-${tone}`} style={{ left: `${left}%`, width: `${Math.max(0.5, right - left)}%` }} />
      {row.delta !== null && <span className="interval-point" style={{ left: `${barPosition(row.delta, scale)}%` }} />}
    </div>
  );
}

/** The labels under the bars' column: the scale's ends and zero. */
export function IntervalAxis({ scale }: { scale: number }) {
  return (
    <div className="interval-axis" aria-hidden="true">
      <span>{axisText(-scale)}</span>
      <span>0%</span>
      <span>{axisText(scale)}</span>
    </div>
  );
}
