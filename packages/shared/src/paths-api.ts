/**
 * What `/query/` answers for a PathsQuery (rest-api.md 2.10): edges between consecutive steps of people's paths,
 * heaviest first. Built by the query package's path edges (packages/query/src/insights/paths/path-edges.ts).
 */
export interface PathEdgeApi {
  /** `<step>_<element>`, step 1-based, e.g. `1_/home`. */
  source: string;
  target: string;
  /** How many paths go through this edge. */
  value: number;
  /** Milliseconds from source to target, on average. */
  average_conversion_time: number | null;
}
