import { useState } from 'react';
import type { ConsoleEntry } from './plugin-events';
import { clockTime } from './recording-format';

const LEVELS = [
  { value: 'all', label: 'All levels' },
  { value: 'error', label: 'Errors' },
  { value: 'warn', label: 'Warnings' },
  { value: 'log', label: 'Logs and info' },
] as const;
type LevelFilter = (typeof LEVELS)[number]['value'];

function matches(entry: ConsoleEntry, filter: LevelFilter): boolean {
  if (filter === 'all') return true;
  if (filter === 'log') return entry.level !== 'error' && entry.level !== 'warn';
  return entry.level === filter;
}

interface Props {
  entries: readonly ConsoleEntry[];
  startMs: number;
  currentMs: number;
  onSeek: (offsetMs: number) => void;
}

/** What the recorded page wrote to its console, in order; each line's time seeks there, lines still ahead are dimmed. */
export function ConsolePane({ entries, startMs, currentMs, onSeek }: Props) {
  const [level, setLevel] = useState<LevelFilter>('all');
  const shown = entries.filter((e) => matches(e, level));
  return (
    <div className="stack">
      <label className="row small">
        Show
        <select value={level} onChange={(e) => setLevel(e.target.value as LevelFilter)}>
          {LEVELS.map((l) => (
            <option key={l.value} value={l.value}>
              {l.label}
            </option>
          ))}
        </select>
      </label>
      {shown.length === 0 ? (
        <p className="muted">{entries.length === 0 ? 'Nothing was logged to the console (or console capture is off for this project).' : 'No lines at this level.'}</p>
      ) : (
        <ol className="replay-log" aria-label="Console">
          {shown.map((e, i) => {
            const offset = e.timestamp - startMs;
            return (
              <li key={i} className={`log-${e.level}${offset > currentMs ? ' ahead' : ''}`}>
                <button type="button" className="link-button mono small" onClick={() => onSeek(offset)} aria-label={`Go to ${clockTime(offset)}`}>
                  {clockTime(offset)}
                </button>
                <span className="log-level">{e.level}</span>
                <span className="log-text mono">{e.text}</span>
                {e.trace.length > 0 && (
                  <details className="log-trace small">
                    <summary>Stack</summary>
                    <pre>{e.trace.join('\n')}</pre>
                  </details>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
