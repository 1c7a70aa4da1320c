import { formatCount, formatPercent } from '../funnels/number-format';
import type { InsightActorsSource } from '../insight-kind';
import { cellActors, cellShade, type RetentionGrid } from './retention-grid-model';
import type { RetentionQuery } from './retention-query-model';

interface Props {
  query: RetentionQuery;
  grid: RetentionGrid;
  onShowActors?: (source: InsightActorsSource, title: string) => void;
  compact?: boolean;
}

/** Cohorts by row, periods by column; each cell the share of the cohort that returned, shaded by it. */
export function RetentionTable({ query, grid, onShowActors, compact }: Props) {
  const withBreakdown = grid.cohorts.some((c) => c.breakdown !== undefined);
  const actors = compact ? undefined : onShowActors;
  return (
    <div className="retention-scroll">
      <table className="data retention-grid">
        <caption className="muted small">Share of each cohort that came back, by period since the cohort's own</caption>
        <thead>
          <tr>
            {withBreakdown && <th scope="col">Breakdown</th>}
            <th scope="col">Cohort</th>
            <th scope="col">Size</th>
            {grid.periods.map((p) => (
              <th key={p} scope="col">
                {p}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr className="retention-mean">
            {withBreakdown && <td />}
            <th scope="row">Mean</th>
            <td>{formatCount(Math.round((grid.cohorts.reduce((sum, c) => sum + c.size, 0) / grid.cohorts.length) * 10) / 10)}</td>
            {grid.mean.map((m, i) => (
              <td key={i} style={{ background: cellShade(m) }}>
                {formatPercent(m)}
              </td>
            ))}
          </tr>
          {grid.cohorts.map((cohort, rowIndex) => (
            <tr key={rowIndex}>
              {withBreakdown && <td>{cohort.breakdownLabel}</td>}
              <th scope="row">{cohort.label}</th>
              <td>
                {actors && cohort.size > 0 ? (
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`${formatCount(cohort.size)} persons in the ${cohort.label} cohort`}
                    onClick={() => actors(cellActors(query, cohort, 0), `Persons in the ${cohort.label} cohort`)}
                  >
                    {formatCount(cohort.size)}
                  </button>
                ) : (
                  formatCount(cohort.size)
                )}
              </td>
              {grid.periods.map((periodLabel, i) => {
                const cell = cohort.cells[i];
                if (!cell) return <td key={i} className="retention-future" />;
                const text = formatPercent(cell.ratio);
                return (
                  <td key={i} style={{ background: cellShade(cell.ratio) }} title={`${formatCount(cell.count)} of ${formatCount(cohort.size)}`}>
                    {actors && cell.count > 0 ? (
                      <button
                        type="button"
                        className="retention-cell-button"
                        aria-label={`${text} (${formatCount(cell.count)} persons) of the ${cohort.label} cohort in ${periodLabel}`}
                        onClick={() => actors(cellActors(query, cohort, i), `${cohort.label} cohort: persons retained in ${periodLabel}`)}
                      >
                        {text}
                      </button>
                    ) : (
                      text
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
