import type { RetentionType } from './retention-filter.js';

/** An event as the reference sees it: already attributed to its actor (the person after merges). */
export interface ReferenceEvent {
  actor: string;
  event: string;
  timestamp: Date;
  properties: Record<string, unknown>;
}

export interface ReferenceQuery {
  retentionType: RetentionType;
  /** Start of every cohort period, oldest first; `end` closes the last one. */
  starts: readonly Date[];
  end: Date;
  isTarget(event: ReferenceEvent): boolean;
  /** The target without its entity filters (first-ever occurrence); defaults to isTarget. */
  isTargetUnfiltered?(event: ReferenceEvent): boolean;
  isReturn(event: ReferenceEvent): boolean;
  cumulative?: boolean;
  minimumOccurrences?: number;
}

/**
 * Retention computed the slow, obvious way, for cross-checking the SQL on generated data: for every actor, find the
 * cohort periods and the periods they came back in, then fill the triangle cell by cell.
 * @example referenceRetention(events, { retentionType: 'retention_recurring', starts, end, isTarget, isReturn }) // [[3, 1, 0], [2, 1], [4]]
 */
export function referenceRetention(events: readonly ReferenceEvent[], query: ReferenceQuery): number[][] {
  const n = query.starts.length;
  const table = Array.from({ length: n }, (_, i) => new Array<number>(n - i).fill(0));
  const byActor = new Map<string, ReferenceEvent[]>();
  for (const e of events) byActor.set(e.actor, [...(byActor.get(e.actor) ?? []), e]);
  for (const actorEvents of byActor.values()) {
    const returns = returnPeriods(actorEvents, query);
    for (const start of cohortPeriods(actorEvents, query)) {
      table[start][0] += 1;
      for (let offset = 1; start + offset < n; offset++) {
        const came = query.cumulative ? returns.some((p) => p >= start + offset) : returns.includes(start + offset);
        if (came) table[start][offset] += 1;
      }
    }
  }
  return table;
}

/** The period an instant falls in, or -1 outside the range. */
function periodOf(at: Date, query: ReferenceQuery): number {
  for (let i = 0; i < query.starts.length; i++) {
    const next = i + 1 < query.starts.length ? query.starts[i + 1] : query.end;
    if (at >= query.starts[i] && at < next) return i;
  }
  return -1;
}

function cohortPeriods(events: readonly ReferenceEvent[], query: ReferenceQuery): number[] {
  if (query.retentionType === 'retention_recurring') {
    return [...new Set(events.filter(query.isTarget).map((e) => periodOf(e.timestamp, query)))].filter((p) => p >= 0);
  }
  const unfiltered = query.retentionType === 'retention_first_ever_occurrence' ? (query.isTargetUnfiltered ?? query.isTarget) : query.isTarget;
  const first = earliest(events.filter(unfiltered));
  if (!first || !query.isTarget(first)) return [];
  const period = periodOf(first.timestamp, query);
  return period >= 0 ? [period] : [];
}

function returnPeriods(events: readonly ReferenceEvent[], query: ReferenceQuery): number[] {
  const counts = new Map<number, number>();
  for (const e of events.filter(query.isReturn)) {
    const p = periodOf(e.timestamp, query);
    if (p >= 0) counts.set(p, (counts.get(p) ?? 0) + 1);
  }
  return [...counts].filter(([, count]) => count >= (query.minimumOccurrences ?? 1)).map(([p]) => p);
}

function earliest(events: readonly ReferenceEvent[]): ReferenceEvent | undefined {
  return events.reduce<ReferenceEvent | undefined>((min, e) => (!min || e.timestamp < min.timestamp ? e : min), undefined);
}
