/** A count or aggregate as people read it: thousands separated, at most two decimals. Example: formatNumber(1234.567) === '1,234.57' */
export function formatNumber(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/** Words for a chart's screen-reader label: what it shows and each series' total. */
export function chartSummary(kindOfChart: string, rows: readonly { label: string; total: number }[]): string {
  const totals = rows.slice(0, 10).map((r) => `${r.label} ${formatNumber(r.total)}`);
  return `${kindOfChart}: ${totals.join('; ')}${rows.length > 10 ? `; and ${rows.length - 10} more` : ''}`;
}
