import { useParams } from 'react-router';
import { Link } from 'react-router';
import { useProjectId } from '../app/use-project-id';
import { EmptyState } from '../components/EmptyState';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageHeader } from '../components/PageHeader';
import { Spinner } from '../components/Spinner';
import { InsightBuilder } from './InsightBuilder';
import { insightSource } from './insight-record';
import { useInsightByShortId } from './insight-requests';
import { INSIGHT_KINDS } from './kinds/registry';
import './insights.css';

/** `/insights/new` (a trends query to start from) and `/insights/:shortId` (a saved insight, its query loaded). */
export function Component() {
  const projectId = useProjectId();
  const { shortId } = useParams();
  const saved = useInsightByShortId(projectId, shortId);
  if (shortId === undefined) return <InsightBuilder key="new" projectId={projectId} insight={null} initialQuery={INSIGHT_KINDS[0]!.defaultQuery()} />;
  if (saved.isLoading) return <Spinner label="Loading the insight" />;
  if (saved.isError) return <ErrorNotice error={saved.error} title="The insight could not be loaded" />;
  const insight = saved.data;
  if (!insight) {
    return (
      <>
        <PageHeader title="Insight not found" />
        <EmptyState title="There is no insight at this address">
          <p>
            It may have been deleted. <Link to={`/project/${projectId}/insights`}>See all insights</Link>.
          </p>
        </EmptyState>
      </>
    );
  }
  const source = insightSource(insight.query);
  if (!source) {
    return (
      <>
        <PageHeader title={insight.name || 'Insight'} />
        <div className="notice">This insight is not one the builder edits (it holds a {String(insight.query?.kind ?? 'missing')} query).</div>
      </>
    );
  }
  return <InsightBuilder key={insight.id} projectId={projectId} insight={insight} initialQuery={source} />;
}
