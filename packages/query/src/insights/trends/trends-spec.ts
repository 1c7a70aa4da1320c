import { HogQLError } from '../../hogql/hogql-error.js';
import type { PropertyFilters } from '../../hogql/property-filter.js';
import { breakdownsOf, DEFAULT_BREAKDOWN_LIMIT, type Breakdown, type BreakdownFilter } from '../breakdown.js';
import { INTERVALS, type DateRange, type Interval } from '../date-range.js';
import type { InsightContext } from '../insight-context.js';
import { assertSeriesNode, type SeriesNode } from '../series.js';
import { parseFormula, type FormulaNode } from './trends-formula.js';
import { checkSeriesMath, effectiveMath } from './trends-math.js';

/** PostHog's TrendsQuery (rest-api.md 2.7). Unknown fields are ignored; known ones are checked by `trendsSpec`. */
export interface TrendsQuery {
  kind: 'TrendsQuery';
  series: SeriesNode[];
  interval?: Interval | null;
  dateRange?: DateRange | null;
  properties?: PropertyFilters | null;
  filterTestAccounts?: boolean | null;
  aggregation_group_type_index?: number | null;
  samplingFactor?: number | null;
  breakdownFilter?: BreakdownFilter | null;
  trendsFilter?: TrendsFilter | null;
  compareFilter?: { compare?: boolean | null; compare_to?: string | null } | null;
  [field: string]: unknown;
}

export interface TrendsFilter {
  display?: string | null;
  formula?: string | null;
  formulas?: string[] | null;
  formulaNodes?: { formula: string; custom_name?: string | null }[] | null;
  smoothingIntervals?: number | null;
  [field: string]: unknown;
}

export const TIME_SERIES_DISPLAYS = [
  'ActionsLineGraph', 'ActionsLineGraphCumulative', 'ActionsAreaGraph', 'ActionsBar', 'ActionsStackedBar',
  'ActionsUnstackedBar',
] as const;
export const TOTAL_VALUE_DISPLAYS = ['BoldNumber', 'ActionsPie', 'ActionsBarValue', 'ActionsTable', 'WorldMap'] as const;
const WORLD_MAP_BREAKDOWN_LIMIT = 250;
const MAX_SERIES = 50;
const MAX_BREAKDOWN_LIMIT = 10_000;
const MAX_SMOOTHING = 1_000;

export interface TrendsFormula {
  formula: string;
  customName: string | null;
  ast: FormulaNode;
}

/** A checked TrendsQuery with PostHog's defaults and conversions applied; what the compiler and the shaping read. */
export interface TrendsSpec {
  query: TrendsQuery;
  /** Each series with its effective math (weekly/monthly active become dau on intervals too coarse for them). */
  series: SeriesNode[];
  /** The bucket size; total-value displays resolve their range by day, as PostHog does. */
  interval: Interval;
  display: string;
  totalValue: boolean;
  cumulative: boolean;
  /** Moving-average window in buckets; 1 = none. */
  smoothing: number;
  formulas: TrendsFormula[];
  breakdowns: Breakdown[];
  breakdownLimit: number;
  hideOther: boolean;
  compare: { compareTo: string | null } | null;
  /** `aggregation_group_type_index`: person-counting maths count groups of this type instead. */
  groupTypeIndex: number | null;
}

/**
 * Checks a TrendsQuery (types, enums, ranges, actions, formulas) and resolves PostHog's defaults. Throws HogQLError,
 * which the server answers with a 400.
 * @example trendsSpec({ kind: 'TrendsQuery', series: [{ kind: 'EventsNode', event: '$pageview' }] }, ctx).interval // 'day'
 */
export function trendsSpec(raw: unknown, ctx: InsightContext): TrendsSpec {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw bad('The query must be an object');
  const query = raw as TrendsQuery;
  if (query.kind !== 'TrendsQuery') throw bad(`Expected kind TrendsQuery, got ${shown(query.kind)}`);
  if (!Array.isArray(query.series)) throw bad('series must be a list of EventsNode or ActionsNode');
  if (query.series.length > MAX_SERIES) throw bad(`At most ${MAX_SERIES} series are allowed`);
  const requested = enumField(query.interval, 'interval', INTERVALS) ?? 'day';
  const trendsFilter = objectField<TrendsFilter>(query.trendsFilter, 'trendsFilter') ?? {};
  const display = enumField(trendsFilter.display, 'trendsFilter.display', [...TIME_SERIES_DISPLAYS, ...TOTAL_VALUE_DISPLAYS]) ?? 'ActionsLineGraph';
  const totalValue = (TOTAL_VALUE_DISPLAYS as readonly string[]).includes(display);
  const series = query.series.map((node, index) => {
    const checked = assertSeriesNode(node, ctx, `series[${index}]`);
    checkSeriesMath(checked, `series[${index}]`);
    return { ...checked, math: effectiveMath(checked.math ?? 'total', requested) } as SeriesNode;
  });
  checkDateRange(query.dateRange);
  checkProperties(query.properties, 'properties');
  booleanField(query.filterTestAccounts, 'filterTestAccounts');
  const groupTypeIndex = integerField(query.aggregation_group_type_index, 'aggregation_group_type_index', 0, 4) ?? null;
  if (query.samplingFactor !== undefined && query.samplingFactor !== null && typeof query.samplingFactor !== 'number') {
    throw bad('samplingFactor must be a number');
  }
  const breakdownFilter = objectField<BreakdownFilter>(query.breakdownFilter, 'breakdownFilter');
  const breakdowns = breakdownsOf(breakdownFilter);
  if (breakdowns.some((b) => b.type === 'cohort')) throw bad('Cohort breakdowns are not supported in trends yet');
  if (breakdowns.some((b) => b.histogramBinCount !== null)) throw bad('Histogram breakdowns (histogram_bin_count) are not supported yet');
  const defaultLimit = display === 'WorldMap' ? WORLD_MAP_BREAKDOWN_LIMIT : DEFAULT_BREAKDOWN_LIMIT;
  const compareFilter = objectField<NonNullable<TrendsQuery['compareFilter']>>(query.compareFilter, 'compareFilter');
  const compareTo = stringField(compareFilter?.compare_to, 'compareFilter.compare_to');
  // PostHog turns comparison off for "all time": there is no period before it.
  const compare = booleanField(compareFilter?.compare, 'compareFilter.compare') && query.dateRange?.date_from !== 'all';
  return {
    query,
    series,
    interval: totalValue ? 'day' : requested,
    display,
    totalValue,
    cumulative: display === 'ActionsLineGraphCumulative',
    smoothing: integerField(trendsFilter.smoothingIntervals, 'trendsFilter.smoothingIntervals', 1, MAX_SMOOTHING) ?? 1,
    formulas: formulasOf(trendsFilter, series.length),
    breakdowns,
    breakdownLimit: integerField(breakdownFilter?.breakdown_limit, 'breakdownFilter.breakdown_limit', 1, MAX_BREAKDOWN_LIMIT) ?? defaultLimit,
    hideOther: booleanField(breakdownFilter?.breakdown_hide_other_aggregation, 'breakdownFilter.breakdown_hide_other_aggregation'),
    compare: compare ? { compareTo: compareTo ?? null } : null,
    groupTypeIndex,
  };
}

/** `formulaNodes` wins over `formulas`, which wins over the deprecated single `formula`, as in PostHog. */
function formulasOf(filter: TrendsFilter, seriesCount: number): TrendsFormula[] {
  let nodes: { formula: unknown; custom_name?: unknown }[] = [];
  if (Array.isArray(filter.formulaNodes) && filter.formulaNodes.length > 0) nodes = filter.formulaNodes;
  else if (Array.isArray(filter.formulas) && filter.formulas.length > 0) nodes = filter.formulas.map((formula) => ({ formula }));
  else if (filter.formula !== undefined && filter.formula !== null && filter.formula !== '') nodes = [{ formula: filter.formula }];
  for (const key of ['formulaNodes', 'formulas'] as const) {
    if (filter[key] !== undefined && filter[key] !== null && !Array.isArray(filter[key])) throw bad(`trendsFilter.${key} must be a list`);
  }
  return nodes.map((node, index) => {
    if (!node || typeof node !== 'object' || typeof node.formula !== 'string') throw bad(`Formula ${index + 1} must be a string`);
    const customName = stringField(node.custom_name, `Formula ${index + 1} custom_name`) ?? null;
    return { formula: node.formula, customName, ast: parseFormula(node.formula, seriesCount) };
  });
}

function checkDateRange(value: unknown): void {
  const range = objectField<Record<string, unknown>>(value, 'dateRange');
  if (!range) return;
  stringField(range.date_from, 'dateRange.date_from');
  stringField(range.date_to, 'dateRange.date_to');
  booleanField(range.explicitDate, 'dateRange.explicitDate');
}

function checkProperties(value: unknown, name: string): void {
  if (value === undefined || value === null || Array.isArray(value)) return;
  if (typeof value !== 'object') throw bad(`${name} must be a list of property filters or a filter group`);
}

/** @example objectField(query.trendsFilter, 'trendsFilter') // => {…} | undefined */
export function objectField<T extends object>(value: unknown, name: string): T | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw bad(`${name} must be an object`);
  return value as T;
}

/** @example stringField(node.math_property, 'math_property') // => '$revenue' | undefined */
export function stringField(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw bad(`${name} must be a string`);
  return value;
}

/** @example booleanField(query.filterTestAccounts, 'filterTestAccounts') // => false */
export function booleanField(value: unknown, name: string): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') throw bad(`${name} must be true or false`);
  return value;
}

/** @example integerField(2, 'smoothingIntervals', 1, 1000) // => 2 */
export function integerField(value: unknown, name: string, min: number, max: number): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw bad(`${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}

/** @example enumField('day', 'interval', INTERVALS) // => 'day' */
export function enumField<T extends string>(value: unknown, name: string, allowed: readonly T[]): T | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw bad(`${name} must be one of ${allowed.join(', ')}; got ${shown(value)}`);
  }
  return value as T;
}

function shown(value: unknown): string {
  return (JSON.stringify(value) ?? String(value)).slice(0, 50);
}

function bad(detail: string): HogQLError {
  return new HogQLError('unsupported', detail);
}
