import { hCall, hCompare, hConstant, hField, hNot, hOr, type HExpr } from '../../hogql/hogql-ast.js';
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
 * The path element an event stands for, before grouping: `$current_url` without its trailing `/` (the root stays
 * `/`) for page views, `$screen_name` for screens, the HogQL expression's value when asked for, else the event name;
 * never NULL; then every cleaning rule, in order.
 * @example pathElementExpr(settings, undefined) // ifNull(if(event = '$pageview', replaceRegexpAll(…), event), '')
 */
export function pathElementExpr(settings: PathsSettings, hogql: HExpr | undefined): HExpr {
  let element: HExpr = hField('event');
  if (hogql && considersType(settings, 'hogql')) element = hCall('toString', hogql);
  if (considersType(settings, PAGEVIEW)) {
    const url = hCall('ifNull', hField('properties', '$current_url'), hConstant(''));
    const withoutSlash = hCall('replaceRegexpAll', url, hConstant('(.)/$'), hConstant('\\1'));
    element = hCall('if', isEvent(PAGEVIEW), withoutSlash, element);
  }
  if (considersType(settings, SCREEN)) element = hCall('if', isEvent(SCREEN), hField('properties', '$screen_name'), element);
  element = hCall('ifNull', element, hConstant(''));
  for (const rule of settings.cleaningFilters) {
    element = hCall('replaceRegexpAll', element, hConstant(rule.regex), hConstant(rule.alias));
  }
  return element;
}

/**
 * The element after `pathGroupings`: the first grouping whose pattern occurs in it replaces it.
 * @example groupedElementExpr(['/product/*'], hField('item')) // multiIf(match(item, '/product/.*'), '/product/*', item)
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
 * @example groupingRegex('/a.b/*') // => '/a\\.b/.*'
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

function isEvent(name: string): HExpr {
  return hCompare('==', hField('event'), hConstant(name));
}

function escapeRegex(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');
}
