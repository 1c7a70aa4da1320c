import type { ExperimentApi } from '@warren/shared/experiments-api';
import { CONCLUSION_LABELS, STATUS_LABELS, statusOf } from './experiment-list-filter';

/** Draft, Running or Complete, with the conclusion and the shipped variant once there are any, and Archived. */
export function StatusBadge({ experiment }: { experiment: Pick<ExperimentApi, 'start_date' | 'end_date' | 'conclusion' | 'archived' | 'shipped_variant'> }) {
  const status = statusOf(experiment);
  return (
    <span className="experiment-badges">
      <span className={`badge experiment-status-${status}`}>{STATUS_LABELS[status]}</span>
      {experiment.conclusion && <span className={`badge experiment-conclusion-${experiment.conclusion}`}>{CONCLUSION_LABELS[experiment.conclusion]}</span>}
      {experiment.shipped_variant && <span className="badge badge-success">Shipped {experiment.shipped_variant}</span>}
      {experiment.archived && <span className="badge">Archived</span>}
    </span>
  );
}
