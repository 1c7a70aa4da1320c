import { relativeTime } from '../components/relative-time';
import { exactTime } from './event-stream-model';

/** A time as "3 minutes ago", with the exact date and time on hover. */
export function EventTime({ timestamp, now }: { timestamp: string; now: number }) {
  const exact = exactTime(timestamp);
  return (
    <time dateTime={timestamp} title={exact}>
      {relativeTime(timestamp, now)}
    </time>
  );
}
