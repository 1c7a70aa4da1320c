import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useProjectId } from '../app/use-project-id';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageHeader } from '../components/PageHeader';
import { Spinner } from '../components/Spinner';
import { BreakdownCard } from './BreakdownCard';
import { FilterChips } from './FilterChips';
import { GoalsCard } from './GoalsCard';
import { LiveCount } from './LiveCount';
import { NoPageviewsYet } from './NoPageviewsYet';
import { OverviewFigures } from './OverviewFigures';
import { useHasViews } from './use-has-views';
import { VisitorsChart } from './VisitorsChart';
import { WebControls } from './WebControls';
import { BREAKDOWN_CARDS } from './web-breakdowns';
import { parseWebState, webStateParams, withFilter, type WebFilter, type WebPageState } from './web-page-state';
import './web-analytics.css';

/**
 * `/web`: the site's traffic at a glance, as Plausible shows it — five figures, visitors over time, and where visitors
 * land, come from, browse with and live. Clicking a row narrows the whole page to it; the range, compare and filters
 * sit in the URL, so a view can be shared by its link.
 */
export function Component() {
  const projectId = useProjectId();
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => parseWebState(params), [params]);
  const setState = (next: WebPageState) => setParams(webStateParams(next));
  const addFilter = (filter: WebFilter) => setState({ ...state, filters: withFilter(state.filters, filter) });
  const hasViews = useHasViews(projectId);
  // Above zero once Refresh is pressed: every query is then computed afresh rather than read from the server's cache.
  const [refreshKey, setRefreshKey] = useState(0);

  return (
    <div className="web-analytics">
      <PageHeader title="Web analytics" actions={hasViews.data && <LiveCount projectId={projectId} />}>
        Visitors, pages and where they came from. Click a row to filter the page by it.
      </PageHeader>
      {hasViews.isError ? (
        <ErrorNotice error={hasViews.error} title="Could not check for pageviews" />
      ) : hasViews.isLoading ? (
        <Spinner label="Loading web analytics" />
      ) : !hasViews.data ? (
        <NoPageviewsYet projectId={projectId} />
      ) : (
        <div className="stack">
          <WebControls state={state} onChange={setState} onRefresh={() => setRefreshKey(Date.now())} />
          <FilterChips filters={state.filters} onChange={(filters) => setState({ ...state, filters })} />
          <OverviewFigures projectId={projectId} state={state} refreshKey={refreshKey} />
          <VisitorsChart projectId={projectId} state={state} refreshKey={refreshKey} />
          <div className="web-cards">
            {BREAKDOWN_CARDS.map((card) => (
              <BreakdownCard key={card.title} projectId={projectId} state={state} refreshKey={refreshKey} card={card} onFilter={addFilter} />
            ))}
            <GoalsCard projectId={projectId} state={state} refreshKey={refreshKey} />
          </div>
        </div>
      )}
    </div>
  );
}
