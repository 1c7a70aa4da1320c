import { PropertyFilters } from '../components/PropertyFilters';
import type { PropertyFilter } from '../components/property-filter-model';
import { DateRangePicker } from './DateRangePicker';
import type { DateRange } from './date-range-presets';
import type { InsightQuery } from './kinds/insight-kind';

interface Props {
  projectId: number;
  query: InsightQuery;
  onChange: (next: InsightQuery) => void;
  /** Offer "Compare to previous period" (kinds that compare). */
  compare: boolean;
}

/**
 * The controls every kind shares, written into the query where PostHog's schema keeps them: `dateRange`,
 * `properties`, `filterTestAccounts` and, for kinds that compare, `compareFilter`.
 */
export function InsightFiltersBar({ projectId, query, onChange, compare }: Props) {
  const set = (field: string, value: unknown) => {
    const next = { ...query };
    if (value === undefined) delete next[field];
    else next[field] = value;
    onChange(next);
  };
  const filters = (Array.isArray(query.properties) ? query.properties : []) as PropertyFilter[];
  return (
    <section className="card stack insight-filters" aria-label="Date range and filters">
      <div className="row insight-filters-top">
        <DateRangePicker value={query.dateRange as DateRange | undefined} onChange={(range) => set('dateRange', range)} />
        <label className="checkbox">
          <input type="checkbox" checked={Boolean(query.filterTestAccounts)} onChange={(e) => set('filterTestAccounts', e.target.checked || undefined)} />
          Filter out test accounts
        </label>
        {compare && (
          <label className="checkbox">
            <input
              type="checkbox"
              checked={Boolean(query.compareFilter?.compare)}
              onChange={(e) => set('compareFilter', e.target.checked ? { compare: true } : undefined)}
            />
            Compare to previous period
          </label>
        )}
      </div>
      <PropertyFilters projectId={projectId} value={filters} onChange={(next) => set('properties', next.length > 0 ? next : undefined)} label="Filters on every series" />
    </section>
  );
}
