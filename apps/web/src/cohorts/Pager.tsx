import './ca-widgets.css';

interface Props {
  /** Names the navigation landmark, e.g. "Cohort pages". */
  label: string;
  offset: number;
  pageSize: number;
  /** The number of rows in all pages, when the API says. */
  total?: number;
  hasNext: boolean;
  onChange: (offset: number) => void;
}

/** Previous / next buttons for an offset-paged list, with "1–50 of 120" when the total is known. Hidden on a single page. */
export function Pager({ label, offset, pageSize, total, hasNext, onChange }: Props) {
  if (offset === 0 && !hasNext) return null;
  const last = total === undefined ? null : Math.min(total, offset + pageSize);
  return (
    <nav className="ca-pager" aria-label={label}>
      <span className="muted">
        {offset + 1}–{last ?? offset + pageSize}
        {total !== undefined && ` of ${total}`}
      </span>
      <button type="button" className="small" disabled={offset === 0} onClick={() => onChange(Math.max(0, offset - pageSize))}>
        Previous
      </button>
      <button type="button" className="small" disabled={!hasNext} onClick={() => onChange(offset + pageSize)}>
        Next
      </button>
    </nav>
  );
}
