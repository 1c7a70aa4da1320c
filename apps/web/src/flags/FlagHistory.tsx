import { ErrorNotice } from '../components/ErrorNotice';
import { Spinner } from '../components/Spinner';
import { relativeTime } from '../components/relative-time';
import { describeActivity } from './flag-activity';
import { useFlagActivity } from './flags-api';

/** Who created and changed the flag, newest first (the server keeps the last 100 entries). */
export function FlagHistory({ projectId, flagId }: { projectId: number; flagId: number }) {
  const activity = useFlagActivity(projectId, flagId);
  return (
    <section className="card" aria-labelledby="flag-history-title">
      <h2 id="flag-history-title" style={{ marginTop: 0 }}>
        History
      </h2>
      {activity.isPending ? (
        <Spinner label="Loading history" />
      ) : activity.isError ? (
        <ErrorNotice error={activity.error} title="The history could not be loaded" />
      ) : activity.data.results.length === 0 ? (
        <p className="muted">No changes recorded.</p>
      ) : (
        <ol className="flag-history">
          {activity.data.results.map((entry) => (
            <li key={entry.id}>
              {describeActivity(entry)}
              <time dateTime={entry.created_at} title={new Date(entry.created_at).toLocaleString()}>
                {relativeTime(entry.created_at)}
              </time>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
