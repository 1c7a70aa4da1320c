import { Link } from 'react-router';
import { relativeTime } from '../components/relative-time';
import { clockTime, shortUrl } from './recording-format';
import { recordingPath } from './recording-links';
import { usePersonRecordings } from './replay-requests';

interface Props {
  projectId: number;
  distinctIds: readonly string[];
  /** Left out of the list (the recording on screen). */
  exceptId?: string;
  limit?: number;
  /** False holds the request back (while the player loads its first block, which must not wait behind it). */
  enabled?: boolean;
}

/** A person's recordings, newest first, each a link to the player. */
export function PersonRecordings({ projectId, distinctIds, exceptId, limit = 10, enabled = true }: Props) {
  const recordings = usePersonRecordings(projectId, distinctIds, limit + 1, enabled);
  if (recordings.isPending) return <p className="muted small">Loading recordings…</p>;
  if (recordings.isError) return <p className="error-text small">The recordings could not be loaded.</p>;
  const rows = recordings.data.results.filter((r) => r.id !== exceptId).slice(0, limit);
  if (rows.length === 0) return <p className="muted small">{exceptId ? 'No other recordings.' : 'No recordings.'}</p>;
  return (
    <ul className="person-recordings">
      {rows.map((r) => (
        <li key={r.id}>
          <Link to={recordingPath(projectId, r.id)}>
            <time dateTime={r.start_time}>{relativeTime(r.start_time)}</time> · {clockTime(r.recording_duration * 1000)}
          </Link>
          {!r.viewed && <span className="badge">New</span>}
          {r.start_url && <div className="muted small replay-url">{shortUrl(r.start_url)}</div>}
        </li>
      ))}
    </ul>
  );
}
