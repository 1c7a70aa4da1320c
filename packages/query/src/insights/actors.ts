import type { HSelectQuery } from '../hogql/hogql-ast.js';

/**
 * Which number of an insight to open (PostHog's `InsightActorsQuery` and `FunnelsActorsQuery` fields, rest-api.md
 * 2.13 and 2.8). Each query kind reads the fields that mean something to it and ignores the rest.
 */
export interface ActorsPoint {
  /** Trends/lifecycle: the bucket's `days` entry (`2024-05-01` or `2024-05-01 13:00:00`); stickiness: the interval count. */
  day?: string | number | null;
  /** Series index (trends, stickiness). */
  series?: number | null;
  /** Breakdown value as returned in `breakdown_value` (string, number or array). */
  breakdown?: unknown;
  compare?: 'current' | 'previous' | null;
  /** Lifecycle status: new, returning, resurrecting, dormant. */
  status?: string | null;
  /** Retention: the cohort row (`interval`, 0-based) … */
  interval?: number | null;
  /** … and optionally the period within it (0-based; absent = the whole cohort). */
  period?: number | null;
  /** Funnels: 1-based step reached; negative `-n` = dropped off before step n. */
  funnelStep?: number | null;
  funnelStepBreakdown?: unknown;
  funnelTrendsDropOff?: boolean | null;
  funnelTrendsEntrancePeriodStart?: string | null;
  /** Paths: the clicked node or edge. */
  pathStartKey?: string | null;
  pathEndKey?: string | null;
  pathDropoffKey?: string | null;
}

/**
 * A HogQL SELECT returning one row per actor behind a point, with the person UUID in a column named `actor_id`
 * (and, where it means something, `event_count`). The server joins it to persons for the ActorsQuery response.
 */
export type ActorsSelection = HSelectQuery;
