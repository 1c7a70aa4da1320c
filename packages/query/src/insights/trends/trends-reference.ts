import { BREAKDOWN_NULL, BREAKDOWN_OTHER } from '../breakdown.js';
import { addIntervals, alignDown, type QueryDateRange } from '../date-range.js';
import type { InsightContext } from '../insight-context.js';

/*
 * A naive, in-memory trends (tests only): loops over every event for every bucket, to cross-check the ClickHouse
 * statements on generated data. It shares only the resolved range (buckets) and the wall-clock helpers with the
 * engine; event selection, windows, aggregation, ranking and the Other bucket are written out here from the spec.
 */

export interface ReferenceEvent {
  /** The person after merges. */
  person: string;
  event: string;
  timestamp: Date;
  properties: Record<string, unknown>;
  personProperties: Record<string, unknown>;
}

export interface ReferenceQuery {
  event: string;
  math: 'total' | 'dau' | 'weekly_active' | 'monthly_active' | 'sum' | 'avg' | 'min' | 'max' | 'median' | 'p90';
  mathProperty?: string;
  breakdown?: { type: 'event' | 'person'; property: string; limit: number };
  range: QueryDateRange;
  /** Events from this instant count (the engine's rule for relative day ranges: the first bucket's day). */
  lower: Date;
}

export interface ReferenceResult {
  breakdownValue: string | null;
  data: number[];
}

const ACTIVE_DAYS: Record<string, number> = { weekly_active: 7, monthly_active: 30 };

/**
 * Trend values per bucket (and per breakdown value, ranked and limited as PostHog does) computed the slow way.
 * @example referenceTrends(events, { event: '$pageview', math: 'dau', range, lower: range.from }, ctx)
 */
export function referenceTrends(events: readonly ReferenceEvent[], q: ReferenceQuery, ctx: InsightContext): ReferenceResult[] {
  const matching = events.filter((e) => e.event === q.event && e.timestamp.getTime() <= q.range.to.getTime());
  const values = q.breakdown ? [...new Set(matching.map((e) => breakdownValue(e, q)))] : [null];
  const rows = values.map((value) => ({
    value,
    data: q.range.buckets.map((bucket, i) => bucketValue(matching.filter((e) => value === null || breakdownValue(e, q) === value), q, i, bucket, ctx)),
  }));
  if (!q.breakdown) return [{ breakdownValue: null, data: rows[0].data }];
  const nonEmpty = rows.filter((r) => r.data.some((v) => v !== 0) || hasEventsInRange(matching, q, r.value));
  const ranked = nonEmpty.sort((a, b) => rank(a.value) - rank(b.value) || sum(b.data) - sum(a.data) || compare(a.value, b.value));
  const kept = ranked.slice(0, q.breakdown.limit);
  const rest = ranked.slice(q.breakdown.limit);
  const results: ReferenceResult[] = kept.map((r) => ({ breakdownValue: r.value, data: r.data }));
  if (rest.length > 0) results.push({ breakdownValue: BREAKDOWN_OTHER, data: q.range.buckets.map((_, i) => sum(rest.map((r) => r.data[i]))) });
  return results.sort((a, b) => rank(a.breakdownValue) - rank(b.breakdownValue) || sum(b.data) - sum(a.data) || compare(a.breakdownValue, b.breakdownValue));
}

function bucketValue(events: readonly ReferenceEvent[], q: ReferenceQuery, index: number, bucket: Date, ctx: InsightContext): number {
  const days = ACTIVE_DAYS[q.math];
  if (days) {
    const unit = q.range.interval === 'minute' || q.range.interval === 'hour' ? q.range.interval : 'day';
    const earliest = addIntervals(bucket, 'day', -days, ctx).getTime();
    const active = events.filter((e) => {
      const truncated = alignDown(e.timestamp, unit, ctx).getTime();
      return truncated > earliest && truncated <= bucket.getTime();
    });
    return new Set(active.map((e) => e.person)).size;
  }
  const inBucket = events.filter((e) => e.timestamp.getTime() >= q.lower.getTime() && bucketIndex(e.timestamp, q, ctx) === index);
  switch (q.math) {
    case 'total':
      return inBucket.length;
    case 'dau':
      return new Set(inBucket.map((e) => e.person)).size;
    default:
      return aggregate(q.math, inBucket.map((e) => toFloat(e.properties[q.mathProperty ?? ''])).filter((v): v is number => v !== null));
  }
}

function bucketIndex(timestamp: Date, q: ReferenceQuery, ctx: InsightContext): number {
  const start = alignDown(timestamp, q.range.interval, ctx).getTime();
  return q.range.buckets.findIndex((b) => b.getTime() === start);
}

function hasEventsInRange(events: readonly ReferenceEvent[], q: ReferenceQuery, value: string | null): boolean {
  return events.some((e) => breakdownValue(e, q) === value && e.timestamp.getTime() >= q.lower.getTime());
}

function aggregate(math: string, values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  switch (math) {
    case 'sum':
      return sum(values);
    case 'avg':
      return sum(values) / values.length;
    case 'min':
      return sorted[0];
    case 'max':
      return sorted[sorted.length - 1];
    default: {
      // ClickHouse's quantile on small samples: linear interpolation at level × (n − 1).
      const level = math === 'median' ? 0.5 : 0.9;
      const position = level * (sorted.length - 1);
      const low = Math.floor(position);
      const high = Math.min(low + 1, sorted.length - 1);
      return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
    }
  }
}

/** toFloat: numbers, and strings that are entirely a decimal number; anything else is NULL. */
function toFloat(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  return null;
}

function breakdownValue(e: ReferenceEvent, q: ReferenceQuery): string {
  const b = q.breakdown!;
  const raw = b.type === 'event' ? e.properties[b.property] : e.personProperties[b.property];
  return raw === undefined || raw === null || raw === '' ? BREAKDOWN_NULL : String(raw);
}

function rank(value: string | null): number {
  return value === BREAKDOWN_OTHER ? 2 : value === BREAKDOWN_NULL ? 1 : 0;
}

function compare(a: string | null, b: string | null): number {
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
