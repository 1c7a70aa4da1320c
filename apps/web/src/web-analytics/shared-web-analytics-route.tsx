import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Navigate, useParams, useSearchParams } from 'react-router';
import { api } from '../api/api-client';
import { PageHeader } from '../components/PageHeader';
import { SharedLinkError } from '../components/SharedLinkError';
import { Spinner } from '../components/Spinner';
import { LiveCount } from './LiveCount';
import { WebAnalyticsBody } from './WebAnalyticsBody';
import { parseWebState, webStateParams, type WebPageState } from './web-page-state';
import { sharedRunner, WebQueryRunnerContext } from './web-query-runner';
import './web-analytics.css';

type SharedLink = { type: 'web_analytics'; web_analytics: { project_name: string; timezone: string } } | { type: 'scene' };

/**
 * `/shared/web/:accessToken`: a project's web analytics page for anyone with its public link, outside the session
 * guard. The same page as members see — figures, chart, tables, map, goals, live count, range, compare and row
 * filters — with every query answered through the link (which runs only these queries, for that project only).
 * Read-only: nothing here changes anything; the view itself lives in the URL, as on the members' page.
 */
export function Component() {
  const accessToken = useParams().accessToken ?? '';
  const runner = useMemo(() => sharedRunner(accessToken), [accessToken]);
  const link = useQuery({
    queryKey: ['shared', accessToken],
    queryFn: ({ signal }) => api.get<SharedLink>(`/api/shared/${encodeURIComponent(accessToken)}/`, undefined, signal),
    retry: false,
  });
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => parseWebState(params), [params]);
  const setState = (next: WebPageState) => setParams(webStateParams(next));

  let content;
  if (link.isPending) content = <Spinner label="Loading the shared page" />;
  else if (link.isError) content = <SharedLinkError error={link.error} what="page" />;
  else if (link.data.type !== 'web_analytics') {
    // A dashboard's or an insight's link opened under this path: its own page shows it.
    return <Navigate to={`/shared/${encodeURIComponent(accessToken)}`} replace />;
  } else {
    content = (
      <>
        <PageHeader title={`${link.data.web_analytics.project_name}: web analytics`} actions={<LiveCount />}>
          Visitors, pages and where they came from. Click a row to filter the page by it.
        </PageHeader>
        <WebAnalyticsBody state={state} onChange={setState} refreshKey={0} />
      </>
    );
  }

  return (
    <WebQueryRunnerContext.Provider value={runner}>
      <div className="web-analytics web-shared">
        <header className="web-shared-header">
          <span className="brand">Warren</span>
          <span className="badge">Shared web analytics · read-only</span>
        </header>
        <main id="main" className="page">
          {content}
        </main>
      </div>
    </WebQueryRunnerContext.Provider>
  );
}
