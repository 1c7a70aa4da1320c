import type { HSelectQuery } from '../../hogql/hogql-ast.js';
import { alias, hx, ref, select } from './funnel-hogql.js';
import type { FunnelSpec } from './funnels-spec.js';

/**
 * The funnel trends chart: per breakdown value and bucket, the actors whose conversion started in that bucket and
 * reached funnelFromStep (`entered`), and those of them who reached funnelToStep (`converted`), from the rows of
 * conversionRows (one per actor and start bucket, the funnel cut after funnelToStep).
 * @example await trendsChart(spec, rows) // SELECT bd_value, bucket_value, uniqExactIf(…) AS entered, … GROUP BY bd_value, bucket_value
 */
export async function trendsChart(spec: FunnelSpec, rows: HSelectQuery): Promise<HSelectQuery> {
  return select({
    select: [
      ref('bd_value'),
      ref('bucket_value'),
      alias(await hx`uniqExact(aggregation_target)`, 'entered'),
      alias(await hx`uniqExactIf(aggregation_target, reached[${spec.toStep + 1}] = 1)`, 'converted'),
    ],
    from: rows,
    where: await hx`if(counted, reached[${spec.fromStep + 1}] = 1, toUInt8(0))`,
    groupBy: [ref('bd_value'), ref('bucket_value')],
  });
}
