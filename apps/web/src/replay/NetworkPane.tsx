import type { NetworkEntry } from './plugin-events';
import { clockTime, shortUrl } from './recording-format';

interface Props {
  entries: readonly NetworkEntry[];
  startMs: number;
  currentMs: number;
  onSeek: (offsetMs: number) => void;
}

/** The requests the recorded page made, in order of their start: method, address, status, time taken. */
export function NetworkPane({ entries, startMs, currentMs, onSeek }: Props) {
  if (entries.length === 0) return <p className="muted">No requests were recorded (network capture may be off for this project).</p>;
  const sorted = [...entries].sort((a, b) => a.timestamp - b.timestamp);
  return (
    <table className="data replay-network">
      <caption className="visually-hidden">Network requests</caption>
      <thead>
        <tr>
          <th scope="col">At</th>
          <th scope="col">Method</th>
          <th scope="col">URL</th>
          <th scope="col">Status</th>
          <th scope="col">Took</th>
          <th scope="col">Type</th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((r, i) => {
          const offset = r.timestamp - startMs;
          const failed = r.status !== null && (r.status >= 400 || r.status === 0);
          return (
            <tr key={i} className={offset > currentMs ? 'ahead' : undefined}>
              <td>
                <button type="button" className="link-button mono small" onClick={() => onSeek(offset)} aria-label={`Go to ${clockTime(offset)}`}>
                  {clockTime(offset)}
                </button>
              </td>
              <td className="mono small">{r.method}</td>
              <td className="replay-url small" title={r.url}>
                {shortUrl(r.url)}
              </td>
              <td className={failed ? 'error-text small' : 'small'}>{r.status ?? '—'}</td>
              <td className="small nowrap">{r.durationMs === null ? '—' : `${r.durationMs} ms`}</td>
              <td className="small muted">{r.initiatorType}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
