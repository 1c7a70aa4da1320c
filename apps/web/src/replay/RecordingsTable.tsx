import type { SessionRecordingApi } from '@warren/shared/replay-api';
import { Link } from 'react-router';
import { EventTime } from '../activity/EventTime';
import { useNow } from '../activity/use-now';
import { clockTime, recordingPersonName, shortUrl } from './recording-format';
import { recordingPath } from './recording-links';

/** Recordings, one per row: who, where it started, when, how long and how busy; unwatched ones stand out. */
export function RecordingsTable({ projectId, recordings }: { projectId: number; recordings: readonly SessionRecordingApi[] }) {
  const now = useNow();
  return (
    <table className="data recordings-table">
      <caption className="visually-hidden">Recordings</caption>
      <thead>
        <tr>
          <th scope="col">Person</th>
          <th scope="col">Start URL</th>
          <th scope="col">Started</th>
          <th scope="col">Duration</th>
          <th scope="col">Active</th>
          <th scope="col">Clicks</th>
          <th scope="col">Keys</th>
          <th scope="col">Errors</th>
        </tr>
      </thead>
      <tbody>
        {recordings.map((r) => (
          <tr key={r.id} className={r.viewed ? 'recording-row viewed' : 'recording-row'}>
            <td>
              <Link to={recordingPath(projectId, r.id)}>{recordingPersonName(r)}</Link>{' '}
              {r.viewed ? <span className="visually-hidden">(watched)</span> : <span className="badge">New</span>}
              {r.ongoing && <span className="badge badge-success">Ongoing</span>}
            </td>
            <td className="replay-url small" title={r.start_url ?? undefined}>
              {shortUrl(r.start_url) || <span className="muted">—</span>}
            </td>
            <td className="nowrap">
              <EventTime timestamp={r.start_time} now={now} />
            </td>
            <td className="mono">{clockTime(r.recording_duration * 1000)}</td>
            <td className="mono">{clockTime(r.active_seconds * 1000)}</td>
            <td>{r.click_count}</td>
            <td>{r.keypress_count}</td>
            <td className={r.console_error_count > 0 ? 'error-text' : undefined}>{r.console_error_count}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
