import { HogQLError } from '../../hogql/hogql-error.js';
import type { PropertyFilters } from '../../hogql/property-filter.js';
import { breakdownsOf, DEFAULT_BREAKDOWN_LIMIT, type Breakdown, type BreakdownFilter } from '../breakdown.js';
import { resolveDateRange, type DateRange, type Interval, type QueryDateRange } from '../date-range.js';
import {
  checkDateRange, checkGroupTypeIndex, checkInterval, checkProperties, optionalBoolean, optionalEnum, optionalInteger,
  optionalObject,
} from '../field-checks.js';
import type { InsightContext } from '../insight-context.js';
import { assertSeriesNode, type SeriesNode } from '../series.js';

/** A funnel step: a series node, optionally skippable (Warren's extension, see funnel-semantics.ts). */
export type FunnelStepNode = SeriesNode & { optionalInFunnel?: boolean | null };

/** An exclusion: a node with the 0-based step range it must not occur in. */
export type FunnelExclusionNode = SeriesNode & { funnelFromStep?: number; funnelToStep?: number };

/** `funnelsFilter.holdConstant` item (Warren's extension): a property all steps of one conversion share. */
export interface HoldConstantProperty {
  type: 'event' | 'person';
  key: string;
}

export const ORDER_TYPES = ['ordered', 'strict', 'unordered'] as const;
export const VIZ_TYPES = ['steps', 'time_to_convert', 'trends'] as const;
export const WINDOW_UNITS = ['second', 'minute', 'hour', 'day', 'week', 'month'] as const;
export const ATTRIBUTIONS = ['first_touch', 'last_touch', 'all_events', 'step'] as const;

export type FunnelOrder = (typeof ORDER_TYPES)[number];
export type FunnelViz = (typeof VIZ_TYPES)[number];
export type FunnelWindowUnit = (typeof WINDOW_UNITS)[number];
export type FunnelAttribution = (typeof ATTRIBUTIONS)[number];

/** PostHog's FunnelsFilter (rest-api.md 2.8) plus `holdConstant`. Display-only fields are accepted and ignored. */
export interface FunnelsFilter {
  funnelOrderType?: FunnelOrder | null;
  funnelVizType?: FunnelViz | null;
  funnelWindowInterval?: number | null;
  funnelWindowIntervalUnit?: FunnelWindowUnit | null;
  exclusions?: FunnelExclusionNode[] | null;
  breakdownAttributionType?: FunnelAttribution | null;
  breakdownAttributionValue?: number | null;
  funnelFromStep?: number | null;
  funnelToStep?: number | null;
  binCount?: number | null;
  funnelAggregateByHogQL?: string | null;
  holdConstant?: HoldConstantProperty[] | null;
  [field: string]: unknown;
}

/** PostHog's FunnelsQuery (rest-api.md 2.8). Unknown fields are ignored; known ones are checked by `funnelSpec`. */
export interface FunnelsQuery {
  kind: 'FunnelsQuery';
  series: FunnelStepNode[];
  interval?: Interval | null;
  dateRange?: DateRange | null;
  properties?: PropertyFilters | null;
  filterTestAccounts?: boolean | null;
  aggregation_group_type_index?: number | null;
  breakdownFilter?: BreakdownFilter | null;
  funnelsFilter?: FunnelsFilter | null;
  [field: string]: unknown;
}

/** Who a funnel counts: persons after merges, groups of one type, or the value of a HogQL expression. */
export type FunnelTarget = { kind: 'person' } | { kind: 'group'; index: number } | { kind: 'hogql'; expr: string };

export interface FunnelExclusion {
  node: SeriesNode;
  from: number;
  to: number;
}

/** A checked FunnelsQuery with PostHog's defaults applied; what the compiler and the shaping read. */
export interface FunnelSpec {
  query: FunnelsQuery;
  steps: SeriesNode[];
  optional: boolean[];
  order: FunnelOrder;
  viz: FunnelViz;
  windowSeconds: number;
  exclusions: FunnelExclusion[];
  breakdowns: Breakdown[];
  attribution: FunnelAttribution;
  /** The step whose event carries the breakdown value for `step` attribution. */
  attributionStep: number;
  breakdownLimit: number;
  hideOther: boolean;
  /** time_to_convert and trends measure from this step to that one (0-based). */
  fromStep: number;
  toStep: number;
  binCount: number | null;
  target: FunnelTarget;
  hold: HoldConstantProperty[];
  interval: Interval;
  range: QueryDateRange;
}

const MAX_STEPS = 20;
const MAX_WINDOW_INTERVAL = 100_000;
const MAX_BREAKDOWN_LIMIT = 10_000;
const MAX_HOLD = 3;
const UNIT_SECONDS: Record<FunnelWindowUnit, number> = {
  second: 1,
  minute: 60,
  hour: 3_600,
  day: 86_400,
  week: 7 * 86_400,
  // PostHog measures a month window as 31 days.
  month: 31 * 86_400,
};

/**
 * Checks a FunnelsQuery (types, enums, step ranges, actions) and resolves PostHog's defaults. Throws HogQLError,
 * which the server answers with a 400.
 * @example funnelSpec({ kind: 'FunnelsQuery', series: [a, b] }, ctx).windowSeconds // => 1209600 (14 days)
 */
export function funnelSpec(raw: unknown, ctx: InsightContext): FunnelSpec {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw bad('The query must be an object');
  const query = raw as FunnelsQuery;
  if (query.kind !== 'FunnelsQuery') throw bad(`Expected kind FunnelsQuery, got ${shown(query.kind)}`);
  if (!Array.isArray(query.series) || query.series.length < 2) throw bad('A funnel needs at least two steps in series');
  if (query.series.length > MAX_STEPS) throw bad(`A funnel has at most ${MAX_STEPS} steps`);
  const steps = query.series.map((node, i) => assertSeriesNode(node, ctx, `series[${i}]`));
  const optional = query.series.map((node, i) => optionalBoolean((node as FunnelStepNode).optionalInFunnel, `series[${i}].optionalInFunnel`));
  const filter = optionalObject<FunnelsFilter>(query.funnelsFilter, 'funnelsFilter') ?? {};
  const order = optionalEnum(filter.funnelOrderType, 'funnelsFilter.funnelOrderType', ORDER_TYPES) ?? 'ordered';
  const viz = optionalEnum(filter.funnelVizType, 'funnelsFilter.funnelVizType', VIZ_TYPES) ?? 'steps';
  checkOptionalSteps(optional, order, viz);
  const last = steps.length - 1;
  const fromStep = optionalInteger(filter.funnelFromStep, 'funnelsFilter.funnelFromStep', 0, last - 1) ?? 0;
  const toStep = optionalInteger(filter.funnelToStep, 'funnelsFilter.funnelToStep', 1, last) ?? last;
  if (fromStep >= toStep) throw bad('funnelsFilter.funnelToStep must be after funnelFromStep');
  const compare = optionalObject<{ compare?: unknown }>(query.compareFilter, 'compareFilter');
  if (optionalBoolean(compare?.compare, 'compareFilter.compare')) throw bad('Comparing funnels to a previous period is not supported yet');
  const interval = checkInterval(query.interval);
  checkDateRange(query.dateRange);
  checkProperties(query.properties, 'properties');
  optionalBoolean(query.filterTestAccounts, 'filterTestAccounts');
  const breakdownFilter = optionalObject<BreakdownFilter>(query.breakdownFilter, 'breakdownFilter');
  const breakdowns = checkBreakdowns(breakdownsOf(breakdownFilter));
  const attribution = optionalEnum(filter.breakdownAttributionType, 'funnelsFilter.breakdownAttributionType', ATTRIBUTIONS) ?? 'first_touch';
  const attributionStep = optionalInteger(filter.breakdownAttributionValue, 'funnelsFilter.breakdownAttributionValue', 0, last) ?? 0;
  if (order === 'unordered' && attribution === 'step' && attributionStep !== 0) {
    throw bad('Only the first step can be used for breakdown attribution in unordered funnels');
  }
  const windowInterval = optionalInteger(filter.funnelWindowInterval, 'funnelsFilter.funnelWindowInterval', 1, MAX_WINDOW_INTERVAL) ?? 14;
  const unit = optionalEnum(filter.funnelWindowIntervalUnit, 'funnelsFilter.funnelWindowIntervalUnit', WINDOW_UNITS) ?? 'day';
  const binCount = optionalNumber(filter.binCount, 'funnelsFilter.binCount');
  return {
    query,
    steps,
    optional,
    order,
    viz,
    windowSeconds: windowInterval * UNIT_SECONDS[unit],
    exclusions: checkExclusions(filter.exclusions, steps, order, ctx),
    breakdowns,
    attribution,
    attributionStep,
    breakdownLimit: optionalInteger(breakdownFilter?.breakdown_limit, 'breakdownFilter.breakdown_limit', 1, MAX_BREAKDOWN_LIMIT) ?? DEFAULT_BREAKDOWN_LIMIT,
    hideOther: optionalBoolean(breakdownFilter?.breakdown_hide_other_aggregation, 'breakdownFilter.breakdown_hide_other_aggregation'),
    fromStep,
    toStep,
    // PostHog clamps a custom bin count to 1–90.
    binCount: binCount === undefined ? null : Math.min(90, Math.max(1, Math.round(binCount))),
    target: checkTarget(query, filter),
    hold: checkHold(filter.holdConstant),
    interval,
    range: resolveDateRange(query.dateRange, interval, ctx),
  };
}

function checkOptionalSteps(optional: boolean[], order: FunnelOrder, viz: FunnelViz): void {
  if (!optional.some(Boolean)) return;
  if (optional[0]) throw bad('The first step of a funnel cannot be optional');
  if (order === 'unordered' || viz !== 'steps') {
    throw bad('Optional funnel steps are only supported in ordered or strict funnels with funnelVizType steps');
  }
}

function checkBreakdowns(breakdowns: Breakdown[]): Breakdown[] {
  for (const b of breakdowns) {
    if (b.type === 'cohort') throw bad('Cohort breakdowns are not supported in funnels yet');
    if (b.histogramBinCount !== null) throw bad('Funnels do not support histogram breakdowns');
  }
  return breakdowns;
}

function checkExclusions(value: unknown, steps: SeriesNode[], order: FunnelOrder, ctx: InsightContext): FunnelExclusion[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw bad('funnelsFilter.exclusions must be a list');
  const last = steps.length - 1;
  return value.map((item: unknown, i) => {
    const where = `funnelsFilter.exclusions[${i}]`;
    const node = assertSeriesNode(item, ctx, where) as FunnelExclusionNode;
    const from = optionalInteger(node.funnelFromStep, `${where}.funnelFromStep`, 0, last - 1) ?? 0;
    const to = optionalInteger(node.funnelToStep, `${where}.funnelToStep`, 1, last) ?? last;
    if (from >= to) throw bad(`${where}: funnelToStep must be after funnelFromStep`);
    if (order === 'unordered' && (from !== 0 || to !== last)) throw bad('Partial exclusions are not allowed in unordered funnels');
    if (steps.slice(from, to + 1).some((step) => sameNode(step, node))) {
      throw bad("Exclusion steps cannot contain an event that's part of funnel steps");
    }
    return { node, from, to };
  });
}

/** The same event or action with the same filters: PostHog refuses such an exclusion. */
function sameNode(step: SeriesNode, exclusion: SeriesNode): boolean {
  const key = (n: SeriesNode) =>
    JSON.stringify([n.kind, n.kind === 'EventsNode' ? (n.event ?? null) : n.id, n.properties ?? [], n.fixedProperties ?? []]);
  return key(step) === key(exclusion);
}

function checkTarget(query: FunnelsQuery, filter: FunnelsFilter): FunnelTarget {
  const group = checkGroupTypeIndex(query.aggregation_group_type_index);
  if (group !== undefined) return { kind: 'group', index: group };
  const hogql = filter.funnelAggregateByHogQL;
  if (hogql === undefined || hogql === null || hogql === '' || hogql === 'person_id') return { kind: 'person' };
  if (typeof hogql !== 'string') throw bad('funnelsFilter.funnelAggregateByHogQL must be a string');
  return { kind: 'hogql', expr: hogql };
}

function checkHold(value: unknown): HoldConstantProperty[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw bad('funnelsFilter.holdConstant must be a list of {type, key}');
  if (value.length > MAX_HOLD) throw bad(`funnelsFilter.holdConstant takes at most ${MAX_HOLD} properties`);
  return value.map((item: unknown, i) => {
    const where = `funnelsFilter.holdConstant[${i}]`;
    const property = optionalObject<Record<string, unknown>>(item, where);
    if (!property) throw bad(`${where} must be an object`);
    const type = optionalEnum(property.type, `${where}.type`, ['event', 'person'] as const) ?? 'event';
    if (typeof property.key !== 'string' || property.key === '') throw bad(`${where}.key must be a non-empty string`);
    return { type, key: property.key };
  });
}

function optionalNumber(value: unknown, name: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw bad(`${name} must be a number`);
  return value;
}

function shown(value: unknown): string {
  return (JSON.stringify(value) ?? String(value)).slice(0, 50);
}

function bad(detail: string): HogQLError {
  return new HogQLError('unsupported', detail);
}
