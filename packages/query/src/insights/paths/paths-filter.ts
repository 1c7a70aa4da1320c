import { HogQLError } from '../../hogql/hogql-error.js';
import type { PropertyFilters } from '../../hogql/property-filter.js';
import { assertRe2Pattern } from '../../hogql/re2-pattern.js';
import type { DateRange } from '../date-range.js';
import { checkDateRange, checkProperties, optionalBoolean, optionalInteger, optionalObject } from '../field-checks.js';

export const PATH_TYPES = ['$pageview', '$screen', 'custom_event', 'hogql'] as const;
export type PathType = (typeof PATH_TYPES)[number];

/** A regex replacement applied to every path element (`replaceRegexpAll(element, regex, alias)`). */
export interface PathCleaningFilter {
  alias?: string | null;
  regex?: string | null;
  order?: number | null;
}

/** PostHog's `PathsFilter` (rest-api.md 2.10). */
export interface PathsFilter {
  includeEventTypes?: PathType[] | null;
  startPoint?: string | null;
  endPoint?: string | null;
  stepLimit?: number | null;
  edgeLimit?: number | null;
  minEdgeWeight?: number | null;
  maxEdgeWeight?: number | null;
  excludeEvents?: string[] | null;
  pathGroupings?: string[] | null;
  pathReplacements?: boolean | null;
  localPathCleaningFilters?: PathCleaningFilter[] | null;
  pathsHogQLExpression?: string | null;
  pathStartKey?: string | null;
  pathEndKey?: string | null;
  pathDropoffKey?: string | null;
  [field: string]: unknown;
}

/** PostHog's PathsQuery (rest-api.md 2.10). */
export interface PathsQuery {
  kind: 'PathsQuery';
  pathsFilter?: PathsFilter | null;
  dateRange?: DateRange | null;
  properties?: PropertyFilters | null;
  filterTestAccounts?: boolean | null;
  funnelPathsFilter?: unknown;
  [field: string]: unknown;
}

/** A PathsQuery after validation, with PostHog's defaults filled in. */
export interface PathsSettings {
  /** Empty: every event, each mapped by its own type (PostHog's default). */
  includeEventTypes: readonly PathType[];
  startPoint?: string;
  endPoint?: string;
  stepLimit: number;
  edgeLimit: number;
  minEdgeWeight?: number;
  maxEdgeWeight?: number;
  excludeEvents: readonly string[];
  pathGroupings: readonly string[];
  /** Sorted by `order`; entries without a regex are dropped. */
  cleaningFilters: readonly { regex: string; alias: string }[];
  hogqlExpression?: string;
  dateRange?: DateRange;
}

export const DEFAULT_STEP_LIMIT = 5;
export const DEFAULT_EDGE_LIMIT = 50;
const MAX_STEP_LIMIT = 100;
const MAX_EDGE_LIMIT = 10_000;
const MAX_LIST = 1_000;

/**
 * Checks a PathsQuery's fields and fills PostHog's defaults (5 steps, 50 edges, every event type).
 * @example readPathsQuery({ kind: 'PathsQuery', pathsFilter: { includeEventTypes: ['$pageview'] } }).stepLimit // => 5
 */
export function readPathsQuery(query: PathsQuery): PathsSettings {
  if (!query || typeof query !== 'object' || query.kind !== 'PathsQuery') throw bad('Expected a PathsQuery');
  if (query.funnelPathsFilter !== undefined && query.funnelPathsFilter !== null) {
    throw bad('funnelPathsFilter (paths before, after or between funnel steps) is not supported yet');
  }
  const f: PathsFilter = optionalObject<PathsFilter>(query.pathsFilter, 'pathsFilter') ?? {};
  const settings: PathsSettings = {
    includeEventTypes: stringList(f.includeEventTypes, 'includeEventTypes').map(pathType),
    stepLimit: optionalInteger(f.stepLimit, 'stepLimit', 1, MAX_STEP_LIMIT) ?? DEFAULT_STEP_LIMIT,
    edgeLimit: optionalInteger(f.edgeLimit, 'edgeLimit', 1, MAX_EDGE_LIMIT) ?? DEFAULT_EDGE_LIMIT,
    excludeEvents: stringList(f.excludeEvents, 'excludeEvents'),
    pathGroupings: stringList(f.pathGroupings, 'pathGroupings'),
    cleaningFilters: cleaningFilters(f.localPathCleaningFilters),
  };
  optionalBoolean(f.pathReplacements, 'pathReplacements');
  // PostHog reads these as truthy values: an empty point or a zero weight means "not set".
  const startPoint = optionalString(f.startPoint, 'startPoint');
  const endPoint = optionalString(f.endPoint, 'endPoint');
  const hogql = optionalString(f.pathsHogQLExpression, 'pathsHogQLExpression');
  const minEdgeWeight = weight(f.minEdgeWeight, 'minEdgeWeight');
  const maxEdgeWeight = weight(f.maxEdgeWeight, 'maxEdgeWeight');
  if (startPoint) settings.startPoint = startPoint;
  if (endPoint) settings.endPoint = endPoint;
  if (hogql) settings.hogqlExpression = hogql;
  if (minEdgeWeight) settings.minEdgeWeight = minEdgeWeight;
  if (maxEdgeWeight) settings.maxEdgeWeight = maxEdgeWeight;
  for (const key of ['pathStartKey', 'pathEndKey', 'pathDropoffKey'] as const) optionalString(f[key], key);
  const dateRange = checkDateRange(query.dateRange);
  if (dateRange) settings.dateRange = dateRange;
  checkProperties(query.properties, 'properties');
  optionalBoolean(query.filterTestAccounts, 'filterTestAccounts');
  return settings;
}

function pathType(value: string): PathType {
  if (!(PATH_TYPES as readonly string[]).includes(value)) {
    throw bad(`includeEventTypes must hold only ${PATH_TYPES.join(', ')}; got ${shown(value)}`);
  }
  return value as PathType;
}

function cleaningFilters(value: unknown): { regex: string; alias: string }[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.length > MAX_LIST) throw bad('localPathCleaningFilters must be a list of {alias, regex, order}');
  const read = value.map((item: unknown, index) => {
    const rule = optionalObject<PathCleaningFilter>(item, `localPathCleaningFilters[${index}]`) ?? {};
    const regex = optionalString(rule.regex, `localPathCleaningFilters[${index}].regex`);
    const alias = optionalString(rule.alias, `localPathCleaningFilters[${index}].alias`) ?? '';
    const order = rule.order;
    if (order !== undefined && order !== null && (typeof order !== 'number' || !Number.isFinite(order))) {
      throw bad(`localPathCleaningFilters[${index}].order must be a number`);
    }
    if (regex) assertRe2Pattern(regex, `localPathCleaningFilters[${index}].regex`);
    return { regex, alias, order: order ?? Number.POSITIVE_INFINITY, index };
  });
  // Array.prototype.sort is stable: rules without an order keep their list position, after the ordered ones.
  read.sort((a, b) => (a.order === b.order ? a.index - b.index : a.order < b.order ? -1 : 1));
  return read.flatMap(({ regex, alias }) => (regex ? [{ regex, alias }] : []));
}

function stringList(value: unknown, name: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.length > MAX_LIST || value.some((item) => typeof item !== 'string')) {
    throw bad(`${name} must be a list of strings`);
  }
  return value as string[];
}

function weight(value: unknown, name: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw bad(`${name} must be a number ≥ 0`);
  return value;
}

function optionalString(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw bad(`${name} must be a string`);
  return value;
}

function shown(value: unknown): string {
  return JSON.stringify(value)?.slice(0, 50) ?? String(value);
}

function bad(detail: string): HogQLError {
  return new HogQLError('unsupported', detail);
}
