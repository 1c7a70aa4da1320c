import { hAnd, hCall, hCompare, hConstant, hField, hNot, hOr, type HExpr } from '../../hogql/hogql-ast.js';
import { escapeRegex } from '../../hogql/re2-pattern.js';
import type { PathsSettings, PathType } from './paths-filter.js';

const PAGEVIEW = '$pageview';
const SCREEN = '$screen';

/**
 * Whether events of a type are mapped to their own element (URL, screen name, HogQL value). With no
 * `includeEventTypes` every type is, unless its name is excluded (PostHog's `_should_query_event`).
 * @example considersType({ includeEventTypes: [], excludeEvents: ['$screen'] }, '$screen') // => false
 */
export function considersType(settings: Pick<PathsSettings, 'includeEventTypes' | 'excludeEvents'>, type: PathType): boolean {
  if (settings.includeEventTypes.length === 0) return !settings.excludeEvents.includes(type);
  return settings.includeEventTypes.includes(type);
}

/**
 * The element an event stands for, as read from it: `$current_url` for page views, `$screen_name` for screens, the
 * HogQL expression's value when asked for, else the event name; never NULL. Properties are read with
 * JSONExtractString: a quarter of the cost of HogQL's generic property access, and the same text for string values.
 * @example pathElementExpr(settings, undefined) // ifNull(if(event = '$pageview', JSONExtractString(properties, '$current_url'), event), '')
 */
export function pathElementExpr(settings: PathsSettings, hogql: HExpr | undefined): HExpr {
  let element: HExpr = hField('event');
  if (hogql && considersType(settings, 'hogql')) element = hCall('toString', hogql);
  if (considersType(settings, PAGEVIEW)) element = hCall('if', isEvent(PAGEVIEW), property('$current_url'), element);
  if (considersType(settings, SCREEN)) element = hCall('if', isEvent(SCREEN), property('$screen_name'), element);
  return hCall('ifNull', element, hConstant(''));
}

/**
 * The element as paths compare it: page view URLs lose one trailing `/` (not the root `/`), then every cleaning rule
 * runs, in order. `element` and `event` are columns of an inner query: read once, used several times.
 * @example cleanedElementExpr(settings, hField('element'), hField('event')) // if(event = '$pageview', if(… endsWith(element, '/') …), element)
 */
export function cleanedElementExpr(settings: PathsSettings, element: HExpr, event: HExpr): HExpr {
  let cleaned = element;
  if (considersType(settings, PAGEVIEW)) {
    cleaned = hCall('if', hCompare('==', event, hConstant(PAGEVIEW)), withoutTrailingSlash(element), element);
  }
  for (const rule of settings.cleaningFilters) {
    cleaned = hCall('replaceRegexpAll', cleaned, hConstant(rule.regex), hConstant(rule.alias));
  }
  return cleaned;
}

/**
 * The element after `pathGroupings`: the first grouping whose pattern occurs in it replaces it.
 * @example groupedElementExpr(['/product/*'], hField('item')) // multiIf(match(item, '\\/product\\/.*'), '/product/*', item)
 */
export function groupedElementExpr(groupings: readonly string[], element: HExpr): HExpr {
  if (groupings.length === 0) return element;
  const branches = groupings.flatMap((grouping) => [
    hCall('match', element, hConstant(groupingRegex(grouping))),
    hConstant(grouping),
  ]);
  return hCall('multiIf', ...branches, element);
}

/**
 * A grouping as an RE2 pattern: `*` matches anything, every other character is itself. Unanchored, as in PostHog,
 * so `/product/*` also groups full URLs such as `https://shop.example/product/42`.
 * @example groupingRegex('/a.b/*') // => '\\/a\\.b\\/.*'
 */
export function groupingRegex(grouping: string): string {
  return grouping.split('*').map(escapeRegex).join('.*');
}

/**
 * Which events take part: those of the selected types (custom events are the ones not starting with `$`; `hogql`
 * adds none of its own, as in PostHog), or every event when no type is selected.
 * @example eventTypeCondition({ includeEventTypes: ['$pageview'] }) // event = '$pageview'
 */
export function eventTypeCondition(settings: Pick<PathsSettings, 'includeEventTypes'>): HExpr | undefined {
  const types = settings.includeEventTypes;
  const parts: HExpr[] = [];
  if (types.includes(PAGEVIEW)) parts.push(isEvent(PAGEVIEW));
  if (types.includes(SCREEN)) parts.push(isEvent(SCREEN));
  if (types.includes('custom_event')) parts.push(hNot(hCall('startsWith', hField('event'), hConstant('$'))));
  return parts.length > 0 ? hOr(parts) : undefined;
}

/**
 * Drops events whose element (after cleaning and grouping) is one of `excludeEvents`.
 * @example exclusionCondition(['/logout'], hField('path_item')) // NOT has(['/logout'], path_item)
 */
export function exclusionCondition(excluded: readonly string[], element: HExpr): HExpr | undefined {
  if (excluded.length === 0) return undefined;
  return hNot(hCall('has', { node: 'Array', exprs: excluded.map((name) => hConstant(name)) }, element));
}

/** PostHog's `replaceRegexpAll(url, '(.)/$', '\\1')` without a regex: one trailing slash goes, unless it is all. */
function withoutTrailingSlash(url: HExpr): HExpr {
  const length = hCall('length', url);
  const strip = hAnd([hCompare('>', length, hConstant(1)), hCall('endsWith', url, hConstant('/'))]);
  return hCall('if', strip, hCall('substring', url, hConstant(1), hCall('minus', length, hConstant(1))), url);
}

function property(name: string): HExpr {
  return hCall('JSONExtractString', hField('properties'), hConstant(name));
}

function isEvent(name: string): HExpr {
  return hCompare('==', hField('event'), hConstant(name));
}
