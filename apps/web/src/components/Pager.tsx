import { pageRangeLabel, type PagePosition } from './paging';

interface Props extends PagePosition {
  /** Names the navigation landmark, e.g. "Pages of cohorts". */
  label: string;
  hasNext: boolean;
  /** While the next page loads: the buttons wait, so one click is one page. */
  busy?: boolean;
  onChange: (offset: number) => void;
}

/** Previous / next for an offset-paged list, with "1–50 of 120" between them. Hidden when everything fits on one page. */
export function Pager({ label, offset, pageSize, shown, total, hasNext, busy = false, onChange }: Props) {
  if (offset === 0 && !hasNext) return null;
  return (
    <nav className="pager" aria-label={label}>
      <button type="button" className="small" disabled={offset === 0 || busy} onClick={() => onChange(Math.max(0, offset - pageSize))}>
        Previous
      </button>
      <span className="muted" aria-live="polite">
        {pageRangeLabel({ offset, pageSize, shown, total })}
      </span>
      <button type="button" className="small" disabled={!hasNext || busy} onClick={() => onChange(offset + pageSize)}>
        Next
      </button>
    </nav>
  );
}
