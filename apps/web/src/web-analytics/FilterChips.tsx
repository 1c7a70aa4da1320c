import { filterLabel } from './web-breakdowns';
import type { WebFilter } from './web-page-state';

/** The filters in force, each removable; nothing at all when there are none. */
export function FilterChips({ filters, onChange }: { filters: WebFilter[]; onChange: (next: WebFilter[]) => void }) {
  if (filters.length === 0) return null;
  return (
    <section className="web-filters" aria-label="Active filters">
      <ul>
        {filters.map((f, i) => {
          const label = filterLabel(f);
          return (
            <li key={`${f.type}:${f.key}`} className="web-chip">
              <span>{label}</span>
              <button type="button" className="icon-button" aria-label={`Remove filter: ${label}`} onClick={() => onChange(filters.filter((_, j) => j !== i))}>
                ×
              </button>
            </li>
          );
        })}
      </ul>
      {filters.length > 1 && (
        <button type="button" className="link-button" onClick={() => onChange([])}>
          Clear all filters
        </button>
      )}
    </section>
  );
}
