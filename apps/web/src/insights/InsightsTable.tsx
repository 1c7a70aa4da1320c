import { Link } from 'react-router';
import type { InsightBasicApi } from '@warren/shared/insights-api';
import { relativeTime } from '../components/relative-time';
import { creatorName, insightDisplayName, insightKindLabel } from './insight-record';

/** The saved insights: name (a link to the builder), kind, when last changed and who made it. */
export function InsightsTable({ projectId, insights }: { projectId: number; insights: InsightBasicApi[] }) {
  return (
    <table className="data" aria-label="Saved insights">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Kind</th>
          <th scope="col">Last modified</th>
          <th scope="col">Created by</th>
        </tr>
      </thead>
      <tbody>
        {insights.map((insight) => (
          <tr key={insight.id}>
            <td>
              <Link to={`/project/${projectId}/insights/${insight.short_id}`}>{insightDisplayName(insight)}</Link>
              {insight.description && <div className="muted small">{insight.description}</div>}
            </td>
            <td>{insightKindLabel(insight.query)}</td>
            <td>
              <time dateTime={insight.last_modified_at} title={new Date(insight.last_modified_at).toLocaleString()}>
                {relativeTime(insight.last_modified_at)}
              </time>
            </td>
            <td>{creatorName(insight)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
