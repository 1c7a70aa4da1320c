/** The plain-text tables the benchmark reports print. */

/** `rows[0]` is the header, underlined with dashes; left-aligned first two columns, right-aligned numbers. */
export function formatTable(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows
    .map((r, rowIndex) => {
      const line = r.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
      return rowIndex === 0 ? `${line.trimEnd()}\n  ${widths.map((w) => '-'.repeat(w)).join('  ')}` : line.trimEnd();
    })
    .map((l) => `  ${l}`)
    .join('\n');
}
