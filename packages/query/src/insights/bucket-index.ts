import { hCall, hConstant, hField, type HExpr } from '../hogql/hogql-ast.js';
import { bucketExpr, type Interval, type QueryDateRange } from './date-range.js';
import type { InsightContext } from './insight-context.js';

const SECONDS: Partial<Record<Interval, number>> = { minute: 60, hour: 3_600 };

/**
 * A HogQL Int64 for the position of the bucket holding `timestamp`: 0 for the range's first bucket, -1 for the one
 * before, `buckets.length` for the one after. Kinds that reason about neighbouring periods (lifecycle) or count
 * periods (stickiness) compare these integers instead of adding intervals to datetimes, so DST days and week starts
 * cannot shift a bucket. Days and months count calendar boundaries in the project timezone; weeks are 7 such days
 * between week starts; hours and minutes are exact seconds between bucket starts.
 * @example bucketIndexExpr(range, ctx) // dateDiff('day', {first bucket}, timestamp) — the compiler adds the timezone
 */
export function bucketIndexExpr(range: Pick<QueryDateRange, 'buckets' | 'interval'>, ctx: InsightContext, timestamp: HExpr = hField('timestamp')): HExpr {
  const first = hConstant(range.buckets[0]);
  const { interval } = range;
  const seconds = SECONDS[interval];
  if (seconds) {
    return hCall('intDiv', hCall('dateDiff', hConstant('second'), first, bucketExpr(interval, ctx, timestamp)), hConstant(seconds));
  }
  if (interval === 'week') {
    return hCall('intDiv', hCall('dateDiff', hConstant('day'), first, bucketExpr('week', ctx, timestamp)), hConstant(7));
  }
  return hCall('dateDiff', hConstant(interval), first, timestamp);
}
