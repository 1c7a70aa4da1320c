import { Link } from 'react-router';
import type { ExperimentApi } from '@warren/shared/experiments-api';
import { relativeTime } from '../components/relative-time';
import { StatusBadge } from './StatusBadge';
import { durationText } from './experiment-list-filter';

/** The experiments of one list page: name, flag, status (with the conclusion once concluded), how long it ran. */
export function ExperimentTable({ projectId, experiments, captionId, count }: { projectId: number; experiments: ExperimentApi[]; captionId: string; count: number }) {
  const now = Date.now();
  return (
    <table className="data experiment-list" aria-describedby={captionId}>
      <caption id={captionId} className="visually-hidden">
        {count} {count === 1 ? 'experiment' : 'experiments'}
      </caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Feature flag</th>
          <th scope="col">Status</th>
          <th scope="col">Duration</th>
          <th scope="col">Created by</th>
          <th scope="col">Created</th>
        </tr>
      </thead>
      <tbody>
        {experiments.map((experiment) => (
          <tr key={experiment.id}>
            <td>
              <Link className="experiment-name" to={`/project/${projectId}/experiments/${experiment.id}`}>
                {experiment.name}
              </Link>
              {experiment.description && <span className="muted">{experiment.description}</span>}
            </td>
            <td className="mono">{experiment.feature_flag_key}</td>
            <td>
              <StatusBadge experiment={experiment} />
            </td>
            <td>{durationText(experiment.start_date, experiment.end_date, now)}</td>
            <td>{experiment.created_by ? experiment.created_by.first_name || experiment.created_by.email : <span className="muted">—</span>}</td>
            <td>
              <time dateTime={experiment.created_at} title={new Date(experiment.created_at).toLocaleString()}>
                {relativeTime(experiment.created_at)}
              </time>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
