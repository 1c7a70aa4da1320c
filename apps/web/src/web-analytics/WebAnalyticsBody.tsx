import { BreakdownCard } from './BreakdownCard';
import { FilterChips } from './FilterChips';
import { GoalsCard } from './GoalsCard';
import { OverviewFigures } from './OverviewFigures';
import { VisitorsChart } from './VisitorsChart';
import { WebControls } from './WebControls';
import { BREAKDOWN_CARDS } from './web-breakdowns';
import { withFilter, type WebFilter, type WebPageState } from './web-page-state';

interface Props {
  state: WebPageState;
  onChange: (next: WebPageState) => void;
  refreshKey: number;
  /** Computes everything afresh; without it (a public link) there is no Refresh button. */
  onRefresh?: () => void;
}

/**
 * The page's figures, chart and cards under its range, compare and filters: the same for the project's members and
 * for a public link (each provides where the queries go, see web-query-runner.ts).
 */
export function WebAnalyticsBody({ state, onChange, refreshKey, onRefresh }: Props) {
  const addFilter = (filter: WebFilter) => onChange({ ...state, filters: withFilter(state.filters, filter) });
  return (
    <div className="stack">
      <WebControls state={state} onChange={onChange} onRefresh={onRefresh} />
      <FilterChips filters={state.filters} onChange={(filters) => onChange({ ...state, filters })} />
      <OverviewFigures state={state} refreshKey={refreshKey} />
      <VisitorsChart state={state} refreshKey={refreshKey} />
      <div className="web-cards">
        {BREAKDOWN_CARDS.map((card) => (
          <BreakdownCard key={card.title} state={state} refreshKey={refreshKey} card={card} onFilter={addFilter} />
        ))}
        <GoalsCard state={state} refreshKey={refreshKey} />
      </div>
    </div>
  );
}
