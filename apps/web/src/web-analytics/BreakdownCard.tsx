import type { WebStatsTableResponseApi } from '@warren/shared/web-analytics-api';
import { useId, useState } from 'react';
import { ErrorNotice } from '../components/ErrorNotice';
import { Spinner } from '../components/Spinner';
import { StatsTable } from './StatsTable';
import { breakdownValue, type BreakdownCard as Card } from './web-breakdowns';
import type { WebFilter, WebPageState } from './web-page-state';
import { statsTableQuery } from './web-queries';
import { statsTable } from './web-stats-rows';
import { useKeptData } from './use-kept-data';
import { useWebQuery } from './web-query-runner';
import { WorldMap } from './WorldMap';

interface Props {
  state: WebPageState;
  refreshKey: number;
  card: Card;
  onFilter: (filter: WebFilter) => void;
}

/** A card of tables (pages, sources, devices, geography): one tab at a time, each a WebStatsTableQuery. */
export function BreakdownCard({ state, refreshKey, card, onFilter }: Props) {
  const id = useId();
  const [tabIndex, setTabIndex] = useState(0);
  const tab = card.tabs[tabIndex]!;
  const result = useWebQuery(statsTableQuery(state, tab), { refreshKey });
  const data = useKeptData(result.data, tab.label);
  const table = data ? statsTable(data as WebStatsTableResponseApi) : null;
  return (
    <section className="card web-card" aria-labelledby={`${id}-title`}>
      <header className="web-card-header">
        <h2 id={`${id}-title`}>{card.title}</h2>
        <div role="tablist" aria-label={`${card.title} by`} className="web-tabs">
          {card.tabs.map((t, i) => (
            <button
              key={t.label}
              type="button"
              role="tab"
              id={`${id}-tab-${i}`}
              aria-selected={i === tabIndex}
              aria-controls={`${id}-panel`}
              className={i === tabIndex ? 'active' : undefined}
              onClick={() => setTabIndex(i)}
            >
              {t.label}
            </button>
          ))}
        </div>
      </header>
      <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-tab-${tabIndex}`}>
        {result.isError ? (
          <ErrorNotice error={result.error} title={`${tab.label} could not be loaded`} />
        ) : !table ? (
          <Spinner label={`Loading ${tab.label.toLowerCase()}`} />
        ) : tab.view === 'map' ? (
          <WorldMap table={table} busy={result.isFetching} onCountryClick={(code) => onFilter(breakdownValue(tab, code).filter)} />
        ) : (
          <StatsTable
            caption={tab.label}
            column={tab.column}
            table={table}
            compare={state.compare}
            busy={result.isFetching}
            rowLabel={(value) => breakdownValue(tab, value).label}
            onRowClick={(value) => onFilter(breakdownValue(tab, value).filter)}
          />
        )}
      </div>
    </section>
  );
}
