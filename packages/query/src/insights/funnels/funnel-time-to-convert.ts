import type { HSelectQuery } from '../../hogql/hogql-ast.js';
import { alias, hx, select } from './funnel-hogql.js';
import type { FunnelSpec } from './funnels-spec.js';

/**
 * The time-to-convert chart, in one row, as PostHog computes it: the seconds from funnelFromStep to funnelToStep of
 * every actor who reached funnelToStep; `bin_count` bins (the given count, else ∛actors clamped to 1–60) of a whole
 * number of seconds from the floor of the fastest time, 60 s when all times are equal; `bin_starts` and
 * `bin_counts` have one entry more than bins (the slowest time lands in it), plus `average_time` and `median_time`.
 * @example await timeToConvertChart(spec, rows) // SELECT arrayMap(i -> toInt64(round(min_timing + i * width)), …) AS bin_starts, …
 */
export async function timeToConvertChart(spec: FunnelSpec, rows: HSelectQuery): Promise<HSelectQuery> {
  const converted = select({
    select: [alias(await hx`groupArray(ttc)`, 'timings')],
    from: rows,
    where: await hx`if(counted, reached[${spec.toStep + 1}] = 1, toUInt8(0))`,
  });
  // The 1e-9 keeps a perfect cube (27 actors → 3 bins) from rounding up through pow's last bit.
  const binCount = spec.binCount ?? (await hx`least(60, greatest(1, toInt64(ceil(pow(length(timings), 1 / 3) - 0.000000001))))`);
  return select({
    select: [
      alias(await hx`toInt64(${binCount})`, 'bin_count'),
      alias(await hx`floor(arrayMin(timings))`, 'min_timing'),
      alias(await hx`ceil(arrayMax(timings))`, 'max_timing'),
      alias(await hx`if(toInt64(ceil((max_timing - min_timing) / bin_count)) > 0, toInt64(ceil((max_timing - min_timing) / bin_count)), 60)`, 'width'),
      alias(await hx`arrayMap(i -> toInt64(round(min_timing + i * width)), range(0, bin_count + 1))`, 'bin_starts'),
      alias(await hx`arrayMap(i -> arrayCount(t -> toInt64(floor((t - min_timing) / width)) = i, timings), range(0, bin_count + 1))`, 'bin_counts'),
      alias(await hx`if(empty(timings), NULL, arrayAvg(timings))`, 'average_time'),
      alias(await hx`if(empty(timings), NULL, (arraySort(timings)[intDiv(length(timings) + 1, 2)] + arraySort(timings)[intDiv(length(timings), 2) + 1]) / 2)`, 'median_time'),
    ],
    from: converted,
  });
}

