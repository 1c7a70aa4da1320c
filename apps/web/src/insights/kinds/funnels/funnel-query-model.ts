import type { PropertyFilter } from '../../../components/property-filter-model';
import type { InsightQuery } from '../insight-kind';

/** A step (or any event picker's value): an event (null = all events) or an action, with its own filters. */
export type StepNode =
  | { kind: 'EventsNode'; event: string | null; name?: string | null; custom_name?: string | null; properties?: PropertyFilter[] }
  | { kind: 'ActionsNode'; id: number; name?: string | null; custom_name?: string | null; properties?: PropertyFilter[] };

export type FunnelOrder = 'ordered' | 'strict' | 'unordered';
export type FunnelViz = 'steps' | 'time_to_convert' | 'trends';
export type WindowUnit = 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month';
export type Attribution = 'first_touch' | 'last_touch' | 'all_events' | 'step';
export type BreakdownType = 'event' | 'person';

/** The `funnelsFilter` fields the editor sets (rest-api.md 2.8); others a saved insight carries are kept as they are. */
export interface FunnelsFilter {
  funnelOrderType?: FunnelOrder;
  funnelVizType?: FunnelViz;
  funnelWindowInterval?: number;
  funnelWindowIntervalUnit?: WindowUnit;
  breakdownAttributionType?: Attribution;
  breakdownAttributionValue?: number;
  funnelFromStep?: number;
  funnelToStep?: number;
  [field: string]: unknown;
}

export type FunnelsQuery = InsightQuery & {
  kind: 'FunnelsQuery';
  series: StepNode[];
  funnelsFilter?: FunnelsFilter;
  breakdownFilter?: { breakdown_type?: string; breakdown?: unknown; [field: string]: unknown } | null;
  interval?: 'hour' | 'day' | 'week' | 'month';
};

export const ORDER_LABELS: Record<FunnelOrder, string> = {
  ordered: 'In order (other events between allowed)',
  strict: 'Strictly in a row',
  unordered: 'In any order',
};

export const VIZ_LABELS: Record<FunnelViz, string> = { steps: 'Conversion steps', time_to_convert: 'Time to convert', trends: 'Historical trends' };

export const UNIT_LABELS: Record<WindowUnit, string> = { second: 'seconds', minute: 'minutes', hour: 'hours', day: 'days', week: 'weeks', month: 'months' };

export const ATTRIBUTION_LABELS: Record<Attribution, string> = {
  first_touch: 'First touch (value at the first step)',
  last_touch: 'Last touch (value at the last step reached)',
  all_events: 'All events (the value must be the same at every step)',
  step: 'A chosen step',
};

const MAX_STEPS = 20;

/** A new funnel: two steps for the user to pick (it runs once they are picked), ordered, 14-day window. */
export function defaultFunnelsQuery(): FunnelsQuery {
  return {
    kind: 'FunnelsQuery',
    series: [emptyStep(), emptyStep()],
    dateRange: { date_from: '-7d' },
    funnelsFilter: { funnelOrderType: 'ordered', funnelVizType: 'steps', funnelWindowInterval: 14, funnelWindowIntervalUnit: 'day' },
  };
}

export function emptyStep(): StepNode {
  return { kind: 'EventsNode', event: null };
}

/** What a step is called in the editor and the result. Example: stepName({ kind: 'EventsNode', event: null }) -> 'All events' (the server's name) */
export function stepName(node: StepNode, actionNames: ReadonlyMap<number, string> = new Map()): string {
  if (node.custom_name) return node.custom_name;
  if (node.kind === 'ActionsNode') return actionNames.get(node.id) ?? node.name ?? `Action ${node.id}`;
  return node.event ?? 'All events';
}

export function canAddStep(query: FunnelsQuery): boolean {
  return query.series.length < MAX_STEPS;
}

/** Appends an empty step. */
export function addStep(query: FunnelsQuery): FunnelsQuery {
  if (!canAddStep(query)) return query;
  return withSeries(query, [...query.series, emptyStep()]);
}

/** Removes a step; a funnel keeps at least two. */
export function removeStep(query: FunnelsQuery, index: number): FunnelsQuery {
  if (query.series.length <= 2) return query;
  return withSeries(
    query,
    query.series.filter((_, i) => i !== index),
  );
}

/**
 * Moves a step one place up (-1) or down (+1); out of range does nothing.
 * Example: moveStep(q with [a, b, c], 2, -1).series -> [a, c, b]
 */
export function moveStep(query: FunnelsQuery, index: number, delta: -1 | 1): FunnelsQuery {
  const target = index + delta;
  if (target < 0 || target >= query.series.length) return query;
  const series = [...query.series];
  [series[index], series[target]] = [series[target]!, series[index]!];
  return withSeries(query, series);
}

export function replaceStep(query: FunnelsQuery, index: number, node: StepNode): FunnelsQuery {
  return withSeries(
    query,
    query.series.map((step, i) => (i === index ? node : step)),
  );
}

/** Sets some funnelsFilter fields (undefined removes a field). */
export function setFunnelsFilter(query: FunnelsQuery, patch: Partial<FunnelsFilter>): FunnelsQuery {
  const filter: FunnelsFilter = { ...query.funnelsFilter, ...patch };
  for (const key of Object.keys(patch)) if (filter[key] === undefined) delete filter[key];
  return { ...query, funnelsFilter: filter };
}

/** The breakdown the editor shows: which kind of property and its key, or null for none. */
export function breakdownOf(query: FunnelsQuery): { type: BreakdownType; property: string } | null {
  const filter = query.breakdownFilter;
  if (!filter || typeof filter.breakdown !== 'string' || filter.breakdown === '') return null;
  return { type: filter.breakdown_type === 'person' ? 'person' : 'event', property: filter.breakdown };
}

/** Sets (or with null clears) a breakdown by one event or person property. */
export function setBreakdown(query: FunnelsQuery, breakdown: { type: BreakdownType; property: string } | null): FunnelsQuery {
  const next = { ...query };
  if (!breakdown || breakdown.property.trim() === '') {
    delete next.breakdownFilter;
    return next;
  }
  next.breakdownFilter = { breakdown_type: breakdown.type, breakdown: breakdown.property.trim() };
  return next;
}

/**
 * New steps, with the step-numbered settings (from/to steps, attribution step) dropped where they no longer fit, so
 * a reordered or shortened funnel never sends an out-of-range step the server would refuse.
 */
function withSeries(query: FunnelsQuery, series: StepNode[]): FunnelsQuery {
  const next: FunnelsQuery = { ...query, series };
  const filter = query.funnelsFilter;
  if (!filter) return next;
  const last = series.length - 1;
  const changed = series.length !== query.series.length;
  const patch: Partial<FunnelsFilter> = {};
  const from = filter.funnelFromStep;
  const to = filter.funnelToStep;
  if (changed || (from !== undefined && from > last - 1) || (to !== undefined && to > last)) {
    patch.funnelFromStep = undefined;
    patch.funnelToStep = undefined;
  }
  if (filter.breakdownAttributionValue !== undefined && filter.breakdownAttributionValue > last) {
    patch.breakdownAttributionValue = 0;
  }
  return Object.keys(patch).length === 0 ? next : setFunnelsFilter(next, patch);
}

/**
 * Why the funnel cannot run yet, or null: every step needs its event or action picked.
 * Example: funnelProblem(defaultFunnelsQuery()) -> 'Pick an event or action for steps 1 and 2.'
 */
export function funnelProblem(query: FunnelsQuery): string | null {
  if (!Array.isArray(query.series) || query.series.length < 2) return 'A funnel needs at least two steps.';
  const missing = query.series.flatMap((step, i) => (step.kind === 'EventsNode' && !step.event ? [i + 1] : []));
  if (missing.length === 0) return null;
  const list = missing.length === 1 ? `step ${missing[0]}` : `steps ${missing.slice(0, -1).join(', ')} and ${missing[missing.length - 1]}`;
  return `Pick an event or action for ${list}.`;
}
