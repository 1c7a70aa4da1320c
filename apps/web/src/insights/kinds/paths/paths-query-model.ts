import type { InsightQuery } from '../insight-kind';

export type PathEventType = '$pageview' | '$screen' | 'custom_event';

export interface PathCleaningRule {
  regex: string;
  alias: string;
  order?: number;
}

export type PathsQuery = InsightQuery & {
  kind: 'PathsQuery';
  pathsFilter: {
    includeEventTypes?: PathEventType[];
    startPoint?: string;
    endPoint?: string;
    stepLimit?: number;
    excludeEvents?: string[];
    localPathCleaningFilters?: PathCleaningRule[];
    [field: string]: unknown;
  };
};

export const EVENT_TYPE_LABELS: Record<PathEventType, string> = {
  $pageview: 'Page views ($pageview)',
  $screen: 'Screen views ($screen)',
  custom_event: 'Custom events',
};

export const MIN_STEPS = 2;
export const MAX_STEPS = 20;

/** A new paths insight: page-to-page paths of the last 7 days, 5 steps deep. */
export function defaultPathsQuery(): PathsQuery {
  return { kind: 'PathsQuery', dateRange: { date_from: '-7d' }, pathsFilter: { includeEventTypes: ['$pageview'], stepLimit: 5 } };
}

/** Sets some pathsFilter fields; an undefined, empty text or empty list removes the field (the server's default). */
export function setPathsFilter(query: PathsQuery, patch: Partial<PathsQuery['pathsFilter']>): PathsQuery {
  const filter = { ...query.pathsFilter, ...patch };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) delete filter[key];
  }
  return { ...query, pathsFilter: filter };
}

/** Turns one event type on or off, keeping PostHog's order. Example: toggleEventType(['$pageview'], '$screen', true) -> ['$pageview', '$screen'] */
export function toggleEventType(types: readonly PathEventType[], type: PathEventType, on: boolean): PathEventType[] {
  const set = new Set(types);
  if (on) set.add(type);
  else set.delete(type);
  return (Object.keys(EVENT_TYPE_LABELS) as PathEventType[]).filter((t) => set.has(t));
}

/**
 * Cleaning rules as the query takes them: rows without a regex left out, numbered in the order shown.
 * Example: cleaningRules([{ regex: '/user/\\d+', alias: '/user/:id' }, { regex: '', alias: 'x' }]) -> [{ regex, alias, order: 0 }]
 */
export function cleaningRules(rows: readonly { regex: string; alias: string }[]): PathCleaningRule[] {
  return rows.filter((r) => r.regex.trim() !== '').map((r, order) => ({ regex: r.regex, alias: r.alias, order }));
}

/** Adds an element to exclude once (trimmed; blanks ignored). */
export function addExclusion(list: readonly string[], element: string): string[] {
  const value = element.trim();
  return value === '' || list.includes(value) ? [...list] : [...list, value];
}
