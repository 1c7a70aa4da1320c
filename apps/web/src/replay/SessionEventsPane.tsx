import type { EventApi } from '@warren/shared/events-api';
import { eventLocation } from '../activity/event-stream-model';
import { clockTime } from './recording-format';

interface Props {
  events: readonly EventApi[] | undefined;
  loading: boolean;
  startMs: number;
  currentMs: number;
  onSeek: (offsetMs: number) => void;
}

/** Every event the session captured, oldest first; each time seeks the player to it. */
export function SessionEventsPane({ events, loading, startMs, currentMs, onSeek }: Props) {
  if (loading) return <p className="muted">Loading the session's events…</p>;
  if (!events || events.length === 0) return <p className="muted">No events carry this session's ID.</p>;
  return (
    <ol className="replay-log" aria-label="Session events">
      {events.map((e) => {
        const offset = Date.parse(e.timestamp) - startMs;
        return (
          <li key={e.id} className={offset > currentMs ? 'ahead' : undefined}>
            <button type="button" className="link-button mono small" onClick={() => onSeek(offset)} aria-label={`Go to ${e.event} at ${clockTime(offset)}`}>
              {clockTime(offset)}
            </button>
            <span className="mono">{e.event}</span>
            <span className="muted small log-text">{eventLocation(e)}</span>
          </li>
        );
      })}
    </ol>
  );
}
