import type { PathEdgeApi } from '@warren/shared/paths-api';
import { useMemo } from 'react';
import { formatCount, formatDuration } from '../funnels/number-format';
import type { InsightResultProps } from '../insight-kind';
import { PathsSankey } from './PathsSankey';
import { edgeActors, edgeLabel, parseNodeKey, sankeyGraph } from './paths-graph-model';
import type { PathsQuery } from './paths-query-model';

const TABLE_ROWS = 20;

/** The paths diagram and the busiest steps from one element to the next; both open the persons behind a flow. */
export function PathsResult({ query, response, onShowActors, compact }: InsightResultProps<PathsQuery>) {
  const edges = (Array.isArray(response.results) ? response.results : []) as PathEdgeApi[];
  const graph = useMemo(() => sankeyGraph(edges), [edges]);
  if (edges.length === 0) return <p className="muted">No paths in this date range. Check the event types and the start and end points.</p>;
  const open = onShowActors ? (edge: PathEdgeApi) => onShowActors(edgeActors(query, edge), `Persons who went ${edgeLabel(edge)}`) : undefined;
  const steps = Math.max(...Object.values(graph.columns)) + 1;
  return (
    <div className="stack">
      <PathsSankey
        graph={graph}
        ariaLabel={`Paths over ${steps} steps; the busiest are listed in the table below`}
        height={compact ? 'fill' : Math.min(640, Math.max(320, Object.keys(graph.labels).length * 18))}
        onFlowClick={open ? (index) => open(edges[index]!) : undefined}
      />
      {!compact && (
        <table className="data paths-table">
          <caption className="muted small">Top paths: the busiest steps from one element to the next</caption>
          <thead>
            <tr>
              <th scope="col">Step</th>
              <th scope="col">From</th>
              <th scope="col">To</th>
              <th scope="col">Paths</th>
              <th scope="col">Average time</th>
            </tr>
          </thead>
          <tbody>
            {edges.slice(0, TABLE_ROWS).map((edge) => {
              const from = parseNodeKey(edge.source);
              const to = parseNodeKey(edge.target);
              return (
                <tr key={`${edge.source}→${edge.target}`}>
                  <td>{`${from.step} → ${to.step}`}</td>
                  <td className="mono">{from.element}</td>
                  <td className="mono">{to.element}</td>
                  <td>
                    {open ? (
                      <button type="button" className="link-button" aria-label={`${formatCount(edge.value)} paths ${edgeLabel(edge)}: show persons`} onClick={() => open(edge)}>
                        {formatCount(edge.value)}
                      </button>
                    ) : (
                      formatCount(edge.value)
                    )}
                  </td>
                  <td>{formatDuration(edge.average_conversion_time === null ? null : edge.average_conversion_time / 1000)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {!compact && edges.length > TABLE_ROWS && <p className="muted small">{`Showing the ${TABLE_ROWS} busiest of ${formatCount(edges.length)} steps.`}</p>}
    </div>
  );
}
