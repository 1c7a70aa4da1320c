import type { Interval } from '../date-range.js';
import type { InsightContext } from '../insight-context.js';
import type { StatementResult } from '../insight-statement.js';
import { seriesActionObject, seriesName, type SeriesNode } from '../series.js';

/** One result of a StickinessQuery (rest-api.md 2.11). */
export interface StickinessResult {
  count: number;
  data: number[];
  days: number[];
  labels: string[];
  label: string;
  action: ReturnType<typeof seriesActionObject>;
  compare?: boolean;
  compare_label?: 'current' | 'previous';
}

/** What one statement's rows are the numbers of. */
export interface StickinessSlot {
  series: SeriesNode;
  order: number;
  /** Number of periods in its range: the length of `data`. */
  periods: number;
  interval: Interval;
  cumulative: boolean;
  compare?: 'current' | 'previous';
}

/**
 * Turns `(num_intervals, actors)` rows into one stickiness result: `data[k-1]` = actors active in exactly k periods,
 * or in at least k when cumulative. `count` is the number of actors either way, as in PostHog (it sums the exact
 * counts before accumulating).
 * @example shapeStickiness({ columns, rows: [[1, 2], [3, 1]] }, slot, ctx).data // => [2, 0, 1, 0, …]
 */
export function shapeStickiness(result: StatementResult, slot: StickinessSlot, ctx: InsightContext): StickinessResult {
  const exact = Array.from({ length: slot.periods }, () => 0);
  const column = (name: string) => result.columns.findIndex((c) => c.name === name);
  const [intervals, actors] = [column('num_intervals'), column('actors')];
  for (const row of result.rows) {
    const k = Number(row[intervals]);
    if (Number.isInteger(k) && k >= 1 && k <= exact.length) exact[k - 1] += Number(row[actors]);
  }
  const count = exact.reduce((a, b) => a + b, 0);
  const data = slot.cumulative ? atLeast(exact) : exact;
  const days = exact.map((_, i) => i + 1);
  const shaped: StickinessResult = {
    count,
    data,
    days,
    labels: days.map((k) => stickinessLabel(k, slot.interval, slot.cumulative)),
    label: seriesName(slot.series, ctx),
    action: seriesActionObject(slot.series, slot.order, ctx),
  };
  if (slot.compare) Object.assign(shaped, { compare: true, compare_label: slot.compare });
  return shaped;
}

/**
 * PostHog's stickiness label: `1 day`, `2 weeks`, and `1 day or more` when cumulative.
 * @example stickinessLabel(2, 'hour', false) // => '2 hours'
 */
export function stickinessLabel(k: number, interval: Interval, cumulative: boolean): string {
  return `${k} ${interval}${k === 1 ? '' : 's'}${cumulative ? ' or more' : ''}`;
}

function atLeast(exact: number[]): number[] {
  const out = [...exact];
  for (let i = out.length - 2; i >= 0; i--) out[i] += out[i + 1];
  return out;
}
