import { HogQLError } from '../hogql/hogql-error.js';
import { hCall, hConstant, hField, type HExpr } from '../hogql/hogql-ast.js';
import { parseHogQLExpr } from '../hogql/parse-hogql.js';

/** Placeholders PostHog uses for missing values and for the merged tail beyond the breakdown limit. */
export const BREAKDOWN_NULL = '$$_posthog_breakdown_null_$$';
export const BREAKDOWN_OTHER = '$$_posthog_breakdown_other_$$';
/** Numeric breakdowns use these numbers instead. */
export const BREAKDOWN_NUMERIC_NULL = 9007199254740990;
export const BREAKDOWN_NUMERIC_OTHER = 9007199254740991;
export const DEFAULT_BREAKDOWN_LIMIT = 25;
const MAX_BREAKDOWNS = 3;

export type BreakdownType = 'event' | 'person' | 'group' | 'session' | 'hogql' | 'event_metadata' | 'cohort';

/** PostHog's `breakdownFilter` (rest-api.md 2.7). */
export interface BreakdownFilter {
  breakdown_type?: BreakdownType | null;
  breakdown?: string | number | (string | number)[] | null;
  breakdown_limit?: number | null;
  breakdown_hide_other_aggregation?: boolean | null;
  breakdown_normalize_url?: boolean | null;
  breakdown_group_type_index?: number | null;
  breakdown_histogram_bin_count?: number | null;
  breakdowns?: { type?: BreakdownType | null; property: string | number; normalize_url?: boolean | null; group_type_index?: number | null; histogram_bin_count?: number | null }[] | null;
}

/** One breakdown dimension, normalised from either the single or the multi form. */
export interface Breakdown {
  type: BreakdownType;
  property: string;
  normalizeUrl: boolean;
  groupTypeIndex: number | null;
  histogramBinCount: number | null;
}

/**
 * The breakdown dimensions of a filter (the multi form `breakdowns` wins), at most 3; empty when there is none.
 * Cohort breakdowns are returned with `property` = the cohort id list as JSON; callers handle them apart.
 * @example breakdownsOf({ breakdown: '$browser' }) // => [{ type: 'event', property: '$browser', … }]
 */
export function breakdownsOf(filter: BreakdownFilter | null | undefined): Breakdown[] {
  if (!filter) return [];
  if (Array.isArray(filter.breakdowns) && filter.breakdowns.length > 0) {
    if (filter.breakdowns.length > MAX_BREAKDOWNS) throw new HogQLError('unsupported', `At most ${MAX_BREAKDOWNS} breakdowns are allowed`);
    return filter.breakdowns.map((b) =>
      dimension(b.type ?? 'event', b.property, Boolean(b.normalize_url), b.group_type_index ?? null, b.histogram_bin_count ?? null),
    );
  }
  const { breakdown } = filter;
  if (breakdown === null || breakdown === undefined || breakdown === '') return [];
  const type = filter.breakdown_type ?? 'event';
  if (type === 'cohort') {
    const ids = Array.isArray(breakdown) ? breakdown : [breakdown];
    return [dimension('cohort', JSON.stringify(ids), false, null, null)];
  }
  if (Array.isArray(breakdown)) throw new HogQLError('unsupported', 'breakdown must be a single property');
  return [
    dimension(type, breakdown, Boolean(filter.breakdown_normalize_url), filter.breakdown_group_type_index ?? null, filter.breakdown_histogram_bin_count ?? null),
  ];
}

function dimension(type: string, property: unknown, normalizeUrl: boolean, groupTypeIndex: number | null, bins: number | null): Breakdown {
  const known: BreakdownType[] = ['event', 'person', 'group', 'session', 'hogql', 'event_metadata', 'cohort'];
  if (!known.includes(type as BreakdownType)) throw new HogQLError('unsupported', `Unsupported breakdown type: ${String(type).slice(0, 50)}`);
  if ((typeof property !== 'string' && typeof property !== 'number') || String(property) === '') {
    throw new HogQLError('unsupported', 'breakdown needs a property');
  }
  if (type === 'group' && !(Number.isInteger(groupTypeIndex) && groupTypeIndex! >= 0 && groupTypeIndex! <= 4)) {
    throw new HogQLError('unsupported', 'Group breakdowns need breakdown_group_type_index 0–4');
  }
  if (bins !== null && !(Number.isInteger(bins) && bins > 0 && bins <= 100)) {
    throw new HogQLError('unsupported', 'breakdown_histogram_bin_count must be an integer from 1 to 100');
  }
  return { type: type as BreakdownType, property: String(property), normalizeUrl, groupTypeIndex, histogramBinCount: bins };
}

/**
 * The raw value a breakdown reads from an event row (may be NULL): an event, person, group or session property, an
 * event column, or a HogQL expression. @example await breakdownSourceExpr({ type: 'person', property: 'plan', … })
 * // person.properties.plan
 */
export async function breakdownSourceExpr(breakdown: Breakdown): Promise<HExpr> {
  switch (breakdown.type) {
    case 'event':
      return hField('properties', breakdown.property);
    case 'person':
      return hField('person', 'properties', breakdown.property);
    case 'group':
      return hField(`group_${breakdown.groupTypeIndex}`, 'properties', breakdown.property);
    case 'session':
      return hField('session', breakdown.property);
    case 'event_metadata':
      return hField(breakdown.property);
    case 'hogql':
      return parseHogQLExpr(breakdown.property);
    case 'cohort':
      throw new HogQLError('unsupported', 'Cohort breakdowns are compiled by the query kind');
  }
}

/**
 * A breakdown's value as a non-null String: missing and empty values become BREAKDOWN_NULL; URLs are normalised when
 * asked (trailing `/`, `?`, `#` stripped, the root stays `/`).
 * @example await breakdownValueExpr(b) // ifNull(nullIf(toString(properties.$browser), ''), '$$_posthog_breakdown_null_$$')
 */
export async function breakdownValueExpr(breakdown: Breakdown): Promise<HExpr> {
  let value: HExpr = hCall('toString', await breakdownSourceExpr(breakdown));
  if (breakdown.normalizeUrl) {
    const trimmed = hCall('replaceRegexpAll', value, hConstant('[/?#]+$'), hConstant(''));
    value = hCall('if', hCall('empty', trimmed), hConstant('/'), trimmed);
  }
  return hCall('ifNull', hCall('nullIf', value, hConstant('')), hConstant(BREAKDOWN_NULL));
}
