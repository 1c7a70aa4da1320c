import type { PathEdgeApi } from '@warren/shared/paths-api';
import type { InsightActorsSource } from '../insight-kind';
import type { PathsQuery } from './paths-query-model';

/** A node key split up. Example: parseNodeKey('2_/pricing') -> { step: 2, element: '/pricing' } */
export function parseNodeKey(key: string): { step: number; element: string } {
  const match = /^(\d+)_(.*)$/s.exec(key);
  return match ? { step: Number(match[1]), element: match[2]! } : { step: 0, element: key };
}

export interface SankeyFlow {
  from: string;
  to: string;
  flow: number;
}

/** What chartjs-chart-sankey takes: the flows, a label per node key, and each node's column (its step). */
export interface SankeyGraph {
  flows: SankeyFlow[];
  labels: Record<string, string>;
  columns: Record<string, number>;
}

/**
 * The edges as a sankey: nodes stay keyed by `<step>_<element>` (so one page at two steps is two nodes, as paths
 * are), labelled by the element alone and placed in the column of their step.
 * Example: sankeyGraph([{ source: '1_/a', target: '2_/b', value: 3 }]) -> flows [{ from: '1_/a', to: '2_/b', flow: 3 }],
 * labels { '1_/a': '/a', '2_/b': '/b' }, columns { '1_/a': 0, '2_/b': 1 }
 */
export function sankeyGraph(edges: readonly PathEdgeApi[]): SankeyGraph {
  const labels: Record<string, string> = {};
  const columns: Record<string, number> = {};
  for (const edge of edges) {
    for (const key of [edge.source, edge.target]) {
      const { step, element } = parseNodeKey(key);
      labels[key] = element;
      columns[key] = Math.max(0, step - 1);
    }
  }
  return { flows: edges.map((e) => ({ from: e.source, to: e.target, flow: e.value })), labels, columns };
}

/** Persons per node: what flows into it, or for a first step what flows out of it. */
export function nodeTotals(edges: readonly PathEdgeApi[]): Map<string, number> {
  const incoming = new Map<string, number>();
  const outgoing = new Map<string, number>();
  for (const e of edges) {
    incoming.set(e.target, (incoming.get(e.target) ?? 0) + e.value);
    outgoing.set(e.source, (outgoing.get(e.source) ?? 0) + e.value);
  }
  const totals = new Map(incoming);
  for (const [key, value] of outgoing) if (!totals.has(key)) totals.set(key, value);
  return totals;
}

/** An edge in words. Example: edgeLabel({ source: '1_/a', target: '2_/b' }) -> '/a → /b (step 1 to 2)' */
export function edgeLabel(edge: Pick<PathEdgeApi, 'source' | 'target'>): string {
  const from = parseNodeKey(edge.source);
  const to = parseNodeKey(edge.target);
  return `${from.element} → ${to.element} (step ${from.step} to ${to.step})`;
}

/** The persons whose paths go through an edge (PostHog's `pathStartKey` / `pathEndKey`). */
export function edgeActors(query: PathsQuery, edge: Pick<PathEdgeApi, 'source' | 'target'>): InsightActorsSource {
  return { kind: 'InsightActorsQuery', source: query, pathStartKey: edge.source, pathEndKey: edge.target };
}
