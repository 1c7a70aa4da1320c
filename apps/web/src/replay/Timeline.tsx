import { useMemo } from 'react';
import { clockTime } from './recording-format';
import { placeMarks, type MarkKind, type TimelineMark } from './timeline-model';

interface Props {
  durationMs: number;
  currentMs: number;
  /** How far the loaded snapshots reach, in ms from the start. */
  loadedMs: number;
  marks: readonly TimelineMark[];
  onSeek: (offsetMs: number) => void;
}

const KIND_NAMES: Record<MarkKind, string> = { pageview: 'Pageviews', click: 'Clicks', event: 'Events', error: 'Errors' };

/**
 * The recording's length as a slider (keyboard and pointer seek), with what has loaded shaded and a tick for each
 * pageview, click, custom event and console error; a tick is a button that seeks to its moment.
 */
export function Timeline({ durationMs, currentMs, loadedMs, marks, onSeek }: Props) {
  const placed = useMemo(() => placeMarks(marks, durationMs), [marks, durationMs]);
  const kinds = useMemo(() => new Set(placed.map((m) => m.kind)), [placed]);
  const percent = (ms: number) => `${durationMs > 0 ? Math.min(100, Math.max(0, (ms / durationMs) * 100)) : 0}%`;
  return (
    <div className="replay-timeline">
      <div className="replay-track">
        <div className="replay-loaded" style={{ width: percent(loadedMs) }} aria-hidden="true" />
        <div className="replay-played" style={{ width: percent(currentMs) }} aria-hidden="true" />
        <input
          type="range"
          className="replay-seek"
          aria-label="Seek"
          aria-valuetext={`${clockTime(currentMs)} of ${clockTime(durationMs)}`}
          min={0}
          max={Math.max(0, Math.round(durationMs))}
          step={100}
          value={Math.round(Math.min(currentMs, durationMs))}
          onChange={(e) => onSeek(Number(e.target.value))}
        />
        <ul className="replay-marks" aria-label="Moments">
          {placed.map((m) => (
            <li key={`${m.kind}-${m.offsetMs}`} style={{ left: `${m.percent}%` }}>
              <button
                type="button"
                className={`replay-mark mark-${m.kind}`}
                title={`${m.label}${m.count > 1 ? ` (+${m.count - 1} more)` : ''} at ${clockTime(m.offsetMs)}`}
                aria-label={`${m.label} at ${clockTime(m.offsetMs)}`}
                onClick={() => onSeek(m.offsetMs)}
              />
            </li>
          ))}
        </ul>
      </div>
      {kinds.size > 0 && (
        <ul className="replay-legend small muted" aria-label="Timeline legend">
          {(Object.keys(KIND_NAMES) as MarkKind[])
            .filter((k) => kinds.has(k))
            .map((k) => (
              <li key={k}>
                <span className={`replay-swatch mark-${k}`} aria-hidden="true" /> {KIND_NAMES[k]}
              </li>
            ))}
        </ul>
      )}
    </div>
  );
}
