/**
 * What `/query/` answers for a FunnelsQuery (rest-api.md 2.8), by `funnelsFilter.funnelVizType`. Built by the query
 * package's funnel shaping (packages/query/src/insights/funnels/funnel-shape.ts).
 */

/** One step of the steps view: actors who reached it, and the time from the previous step (seconds). */
export interface FunnelStepApi {
  /** The event name, or the action id for an ActionsNode; null for "All events" and for unordered funnels. */
  action_id: string | number | null;
  name: string;
  custom_name: string | null;
  /** 0-based position of the step. */
  order: number;
  type: 'events' | 'actions';
  count: number;
  people: never[];
  average_conversion_time: number | null;
  median_conversion_time: number | null;
  /** With a breakdown: the value this list of steps is for, one element per breakdown property. */
  breakdown?: string[];
  breakdown_value?: string[];
}

/** `steps`: one list of steps, or with a breakdown one list per breakdown value. */
export type FunnelStepsResultsApi = FunnelStepApi[] | FunnelStepApi[][];

/** `time_to_convert`: actors by time taken, each bin `[start in seconds, actors]`. */
export interface FunnelTimeToConvertApi {
  average_conversion_time: number | null;
  median_conversion_time: number | null;
  bins: [number, number][];
}

/** `trends`: per breakdown value (or one), the conversion % of the actors entering in each period. */
export interface FunnelTrendApi {
  count: number;
  /** Conversion rate in percent (0–100) per period. */
  data: number[];
  /** Period starts, `YYYY-MM-DD` (or with a time for hours). */
  days: string[];
  labels: string[];
  breakdown_value?: string[];
}
