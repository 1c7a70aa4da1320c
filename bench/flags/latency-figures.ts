/** Latency figures a `/flags` load worker reports from its per-request times. */

export interface LatencyFigures {
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  p999Ms: number;
  maxMs: number;
}

/** Percentiles (nearest rank) and the maximum of `latenciesMs`; NaN when there are none. */
export function latencyFigures(latenciesMs: number[]): LatencyFigures {
  const sorted = Float64Array.from(latenciesMs).sort();
  const at = (q: number) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]);
  return { p50Ms: at(0.5), p90Ms: at(0.9), p99Ms: at(0.99), p999Ms: at(0.999), maxMs: sorted.length === 0 ? NaN : sorted[sorted.length - 1] };
}

/**
 * Share of the timed run during which at least one request was in flight: near 1 when the target is saturated, well
 * below 1 when it keeps up with a fixed rate (autocannon's bursts, or a paced load's requests one by one).
 * `starts[i]` and `latencies[i]` in ms.
 */
export function activeFraction(starts: number[], latencies: number[]): number {
  if (starts.length === 0) return NaN;
  const order = starts.map((_, i) => i).sort((a, b) => starts[a] - starts[b]);
  let busyMs = 0;
  let from = starts[order[0]];
  let to = from + latencies[order[0]];
  let last = to;
  for (const i of order) {
    const start = starts[i];
    const end = start + latencies[i];
    last = Math.max(last, end);
    if (start > to) {
      busyMs += to - from;
      from = start;
      to = end;
    } else to = Math.max(to, end);
  }
  busyMs += to - from;
  return busyMs / (last - starts[order[0]]);
}
