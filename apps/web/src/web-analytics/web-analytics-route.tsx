import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useProjectId } from '../app/use-project-id';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageHeader } from '../components/PageHeader';
import { Spinner } from '../components/Spinner';
import { LiveCount } from './LiveCount';
import { NoPageviewsYet } from './NoPageviewsYet';
import { ShareWebButton } from './ShareWebButton';
import { useHasViews } from './use-has-views';
import { WebAnalyticsBody } from './WebAnalyticsBody';
import { parseWebState, webStateParams, type WebPageState } from './web-page-state';
import { projectRunner, WebQueryRunnerContext } from './web-query-runner';
import './web-analytics.css';

/**
 * `/web`: the site's traffic at a glance, as Plausible shows it — five figures, visitors over time, and where visitors
 * land, come from, browse with and live. Clicking a row narrows the whole page to it; the range, compare and filters
 * sit in the URL, so a view can be shared by its link (with members; Share makes a public read-only link).
 */
export function Component() {
  const projectId = useProjectId();
  const runner = useMemo(() => projectRunner(projectId), [projectId]);
  return (
    <WebQueryRunnerContext.Provider value={runner}>
      <WebAnalyticsPage projectId={projectId} />
    </WebQueryRunnerContext.Provider>
  );
}

function WebAnalyticsPage({ projectId }: { projectId: number }) {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => parseWebState(params), [params]);
  const setState = (next: WebPageState) => setParams(webStateParams(next));
  const hasViews = useHasViews();
  // Above zero once Refresh is pressed: every query is then computed afresh rather than read from the server's cache.
  const [refreshKey, setRefreshKey] = useState(0);

  return (
    <div className="web-analytics">
      <PageHeader
        title="Web analytics"
        actions={
          <>
            {hasViews.data && <LiveCount />}
            <ShareWebButton projectId={projectId} />
          </>
        }
      >
        Visitors, pages and where they came from. Click a row to filter the page by it.
      </PageHeader>
      {hasViews.isError ? (
        <ErrorNotice error={hasViews.error} title="Could not check for pageviews" />
      ) : hasViews.isLoading ? (
        <Spinner label="Loading web analytics" />
      ) : !hasViews.data ? (
        <NoPageviewsYet projectId={projectId} />
      ) : (
        <WebAnalyticsBody state={state} onChange={setState} refreshKey={refreshKey} onRefresh={() => setRefreshKey(Date.now())} />
      )}
    </div>
  );
}
