import { formatNumber } from './result-text';

export interface DataTableRow {
  label: string;
  values: number[];
  total?: number;
}

interface Props {
  /** What the table holds, for screen readers ("Pageviews by day"). */
  caption: string;
  /** The first column's header ("Series", "Status", …). */
  rowHeader: string;
  labels: string[];
  rows: DataTableRow[];
  /** Opens the persons behind a cell; `labelIndex` null is the row's total. */
  onCellClick?: (rowIndex: number, labelIndex: number | null) => void;
  showTotal?: boolean;
  /** Whether a row's total opens persons too (not where a total mixes intervals, as in lifecycle). */
  openTotal?: boolean;
}

// Above this many cells, numbers are plain text: thousands of buttons make a slow laptop crawl, and the chart
// (or a narrower range) is the better way in.
const MAX_BUTTON_CELLS = 3000;

/** The numbers under a chart: one row per series, one column per interval, each number opening its persons. */
export function SeriesDataTable({ caption, rowHeader, labels, rows, onCellClick, showTotal = true, openTotal = true }: Props) {
  const clickable = onCellClick !== undefined && rows.length * (labels.length + 1) <= MAX_BUTTON_CELLS;
  const cell = (rowIndex: number, labelIndex: number | null, value: number, where: string) => {
    const text = formatNumber(value);
    // Nobody is behind a zero.
    if (!clickable || value === 0 || (labelIndex === null && !openTotal)) return text;
    return (
      <button type="button" className="link-button cell-button" aria-label={`${text}, ${rows[rowIndex]!.label}, ${where}: show persons`} onClick={() => onCellClick!(rowIndex, labelIndex)}>
        {text}
      </button>
    );
  };
  return (
    <div className="table-scroll">
      <table className="data series-data-table" aria-label={caption}>
        <thead>
          <tr>
            <th scope="col">{rowHeader}</th>
            {showTotal && <th scope="col">Total</th>}
            {labels.map((label, i) => (
              <th scope="col" key={i}>
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            <tr key={r}>
              <th scope="row">{row.label}</th>
              {showTotal && <td>{cell(r, null, row.total ?? row.values.reduce((a, b) => a + b, 0), 'whole range')}</td>}
              {row.values.map((value, i) => (
                <td key={i}>{cell(r, i, value, labels[i] ?? '')}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
