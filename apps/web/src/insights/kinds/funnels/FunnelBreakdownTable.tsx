import type { InsightActorsSource } from '../insight-kind';
import type { FunnelsQuery } from './funnel-query-model';
import { stepActors, totalConversion, type FunnelBreakdownGroup } from './funnel-results-model';
import { formatCount, formatPercent } from './number-format';

interface Props {
  query: FunnelsQuery;
  groups: FunnelBreakdownGroup[];
  onShowActors?: (source: InsightActorsSource, title: string) => void;
}

/** One row per breakdown value: each step's count and its share of that value's first step, then the conversion. */
export function FunnelBreakdownTable({ query, groups, onShowActors }: Props) {
  const steps = groups[0]?.rows ?? [];
  return (
    <table className="data funnel-breakdown-table">
      <caption className="muted small">Persons reaching each step, by breakdown value (share of the value's first step)</caption>
      <thead>
        <tr>
          <th scope="col">Breakdown value</th>
          {steps.map((row) => (
            <th key={row.index} scope="col">
              {`${row.index + 1}. ${row.name}`}
            </th>
          ))}
          <th scope="col">Conversion</th>
        </tr>
      </thead>
      <tbody>
        {groups.map((group) => (
          <tr key={JSON.stringify(group.value)}>
            <th scope="row">{group.label}</th>
            {group.rows.map((row) => {
              const text = `${formatCount(row.count)}${row.index > 0 ? ` (${formatPercent(row.fromFirst)})` : ''}`;
              return (
                <td key={row.index}>
                  {onShowActors && row.count > 0 ? (
                    <button
                      type="button"
                      className="link-button"
                      aria-label={`${formatCount(row.count)} persons with ${group.label} reached step ${row.index + 1}`}
                      onClick={() =>
                        onShowActors(stepActors(query, row.index, false, group.value), `Persons with ${group.label} who reached step ${row.index + 1} (${row.name})`)
                      }
                    >
                      {text}
                    </button>
                  ) : (
                    text
                  )}
                </td>
              );
            })}
            <td>{formatPercent(totalConversion(group.rows))}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
