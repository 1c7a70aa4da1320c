import type { InsightActorsSource } from '../insight-kind';
import type { FunnelsQuery } from './funnel-query-model';
import { stepActors, totalConversion, type FunnelStepRow } from './funnel-results-model';
import { formatCount, formatDuration, formatPercent, plural } from './number-format';

interface Props {
  query: FunnelsQuery;
  rows: FunnelStepRow[];
  onShowActors?: (source: InsightActorsSource, title: string) => void;
  compact?: boolean;
}

/**
 * The steps as horizontal bars (width = share of those who entered), each with its count, conversion from the
 * first and from the previous step, drop-off and time taken. Counts open the people behind them.
 */
export function FunnelStepBars({ query, rows, onShowActors, compact }: Props) {
  const total = totalConversion(rows);
  return (
    <div className="funnel-result">
      <p className="funnel-summary">
        <strong>{formatPercent(total)}</strong> total conversion
        {rows.length > 0 && <span className="muted"> ({`${formatCount(rows[rows.length - 1]!.count)} of ${formatCount(rows[0]!.count)}`})</span>}
      </p>
      <ol className="funnel-bars" aria-label="Funnel steps">
        {rows.map((row) => {
          const n = row.index + 1;
          const reached = `${plural(row.count, 'person', 'persons')} reached step ${n}`;
          return (
            <li key={row.index} className="funnel-bar-step" aria-label={`Step ${n}: ${row.name}`}>
              <div className="funnel-bar-head">
                <span className="funnel-step-number" aria-hidden="true">
                  {n}
                </span>
                <strong>{row.name}</strong>
                {row.index > 0 && !compact && (
                  <span className="muted small">
                    median {formatDuration(row.medianSeconds)} · average {formatDuration(row.averageSeconds)} from step {row.index}
                  </span>
                )}
              </div>
              <div className="funnel-bar-track">
                <div className="funnel-bar-fill" style={{ width: `${Math.max(0, Math.min(1, row.fromFirst ?? 0)) * 100}%` }} />
                {row.index > 0 && row.droppedOff > 0 && (
                  <div className="funnel-bar-dropped" style={{ width: `${Math.max(0, Math.min(1, rows[0]!.count > 0 ? row.droppedOff / rows[0]!.count : 0)) * 100}%` }} />
                )}
              </div>
              <div className="funnel-bar-numbers">
                {onShowActors ? (
                  <button type="button" className="link-button" onClick={() => onShowActors(stepActors(query, row.index, false), `Persons who reached step ${n} (${row.name})`)}>
                    {reached}
                  </button>
                ) : (
                  <span>{reached}</span>
                )}
                {row.index > 0 && (
                  <>
                    <span>{formatPercent(row.fromFirst)} of step 1</span>
                    <span>{formatPercent(row.fromPrevious)} from step {row.index}</span>
                    {onShowActors && row.droppedOff > 0 ? (
                      <button
                        type="button"
                        className="link-button funnel-dropped-link"
                        onClick={() => onShowActors(stepActors(query, row.index, true), `Persons who dropped off before step ${n} (${row.name})`)}
                      >
                        {plural(row.droppedOff, 'person', 'persons')} dropped off
                      </button>
                    ) : (
                      <span className="funnel-dropped-text">{plural(row.droppedOff, 'person', 'persons')} dropped off</span>
                    )}
                  </>
                )}
              </div>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
