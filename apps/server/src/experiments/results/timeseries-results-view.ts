import type { ExperimentQueryResponseApi, ExperimentTimeseriesPointApi } from '@warren/shared/experiment-results-api';

/** One day of PostHog's `timeseries_results`: the metric's figures as of the end of that day. */
export interface TimeseriesDayResult {
  kind: 'ExperimentQuery';
  baseline: ExperimentTimeseriesPointApi['baseline'];
  variant_results: ExperimentTimeseriesPointApi['variant_results'];
  stats_method: ExperimentQueryResponseApi['stats_method'];
  significant: boolean;
}

/** `GET /experiments/:id/timeseries_results/` in PostHog's shape. */
export interface TimeseriesResultsApi {
  experiment_id: number;
  metric_uuid: string;
  /** Warren computes every day on request, so the series is always complete. */
  status: 'completed';
  /** Every day from the launch to the end (or today), in the project's timezone; null before anyone was exposed. */
  timeseries: Record<string, TimeseriesDayResult | null>;
  errors: null;
  computed_at: string;
  created_at: string;
  updated_at: string;
}

export interface TimeseriesInput {
  experimentId: number;
  metricUuid: string;
  startDate: Date;
  endDate: Date | null;
  now: Date;
  timezone: string;
  createdAt: string;
  updatedAt: string;
  statsMethod: ExperimentQueryResponseApi['stats_method'];
  /** The runner's cumulative points (only days on which somebody had been exposed). */
  points: readonly ExperimentTimeseriesPointApi[];
}

/** At most this many days are listed (the runner's chart stops at a year too). */
const MAX_DAYS = 366;
const HOUR_MS = 3_600_000;

/**
 * The runner's cumulative chart as PostHog's `timeseries_results`: one key per day of the experiment. A day without a
 * point of its own (nobody new exposed, nothing new converted) repeats the day before, since the figures are
 * cumulative; days before the first exposure are null.
 * Example: timeseriesResultsView({ …, startDate: 2024-05-01, endDate: 2024-05-04, points: [{ date: '2024-05-02', … }] })
 * .timeseries // { '2024-05-01': null, '2024-05-02': {…}, '2024-05-03': {…same as 05-02} }
 */
export function timeseriesResultsView(input: TimeseriesInput): TimeseriesResultsApi {
  const byDate = new Map(input.points.map((p) => [p.date, p]));
  const timeseries: Record<string, TimeseriesDayResult | null> = {};
  let latest: TimeseriesDayResult | null = null;
  // The end is exclusive: an experiment stopped at midnight has no day after it.
  const last = new Date((input.endDate ?? input.now).getTime() - 1);
  for (const date of experimentDays(input.startDate, last, input.timezone)) {
    const point = byDate.get(date);
    if (point) {
      latest = {
        kind: 'ExperimentQuery',
        baseline: point.baseline,
        variant_results: point.variant_results,
        stats_method: input.statsMethod,
        significant: point.variant_results.some((v) => v.significant),
      };
    }
    timeseries[date] = latest;
  }
  return {
    experiment_id: input.experimentId,
    metric_uuid: input.metricUuid,
    status: 'completed',
    timeseries,
    errors: null,
    computed_at: input.now.toISOString(),
    created_at: input.createdAt,
    updated_at: input.updatedAt,
  };
}

/**
 * The calendar days (YYYY-MM-DD in `timezone`) from `from` to `to`, both included, at most MAX_DAYS (the latest).
 * Stepping by the hour finds every local day, whatever daylight saving does to their length.
 * Example: experimentDays(new Date('2024-05-01T22:00Z'), new Date('2024-05-02T01:00Z'), 'UTC') // ['2024-05-01', '2024-05-02']
 */
export function experimentDays(from: Date, to: Date, timezone: string): string[] {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const end = Math.max(from.getTime(), to.getTime());
  const start = Math.max(from.getTime(), end - MAX_DAYS * 24 * HOUR_MS);
  const days: string[] = [];
  for (let t = start; ; t = Math.min(t + HOUR_MS, end)) {
    const day = format.format(t);
    if (days[days.length - 1] !== day) days.push(day);
    if (t === end) break;
  }
  return days.slice(-MAX_DAYS);
}
