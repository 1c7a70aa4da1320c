import { hAnd, hCall, hConstant, hField, type HExpr, type HQuery, type HSelectQuery } from '../../hogql/hogql-ast.js';
import { cleanedElementExpr, exclusionCondition, groupedElementExpr } from './path-element.js';
import type { PathsSettings } from './paths-filter.js';
import { templateExpr, templateSelect } from '../hogql-template.js';

/** A new path starts after 30 minutes without an event (PostHog's session threshold). */
export const SESSION_GAP_MS = 30 * 60 * 1000;

/** The element that stands for the skipped middle of a path cut between a start and an end point. */
export const ELLIPSIS = '...';

// One row per path: a person's events (already mapped to elements) sorted by time, split where 30 minutes pass
// without an event, consecutive repeats collapsed (the last of each run is kept, as in PostHog, so times are those of
// the run's last event), then cut at the start/end points and to the step limit. Columns:
//   path  Array((ms, element))   keys  Array('<step>_<element>')   edges  Array((source key, target key, ms between))
// Lambdas only ever see their own arrays: a lambda that captured an array column would copy it once per element.
const SESSIONS = `
SELECT person_id, path, keys,
  arrayZip(arraySlice(keys, 1, length(keys) - 1), arraySlice(keys, 2),
           arraySlice(arrayDifference(arrayMap(step -> step.1, path)), 2)) AS edges
FROM (
  SELECT person_id, {filtered} AS filtered, {limited} AS path,
    arrayMap((step, i) -> concat(toString(i), '_', step.2), path, arrayEnumerate(path)) AS keys
  FROM (
    SELECT person_id, compact, arrayMap(step -> step.2, compact) AS compact_items
    FROM (
      SELECT person_id,
        arrayMap(step -> step.2, session) AS items,
        arrayPushBack(arraySlice(arrayMap((item, next) -> item != next, items, arrayPushBack(arraySlice(items, 2), '')),
                                 1, length(items) - 1), 1) AS last_of_run,
        arrayFilter((step, keep) -> keep = 1, session, last_of_run) AS compact
      FROM (
        SELECT person_id,
          arrayJoin(arraySplit((step, gap) -> gap >= {session_gap_ms}, sorted,
                               arrayDifference(arrayMap(step -> step.1, sorted)))) AS session
        FROM (SELECT person_id, arraySort(groupArray(tuple(ms, path_item))) AS sorted FROM {elements} GROUP BY person_id)
      )
    )
  )
  WHERE {in_path}
)`;

/**
 * The paths query: one row per path with its person, elements, step keys and edges (see SESSIONS above).
 * `element` maps an event to its path element before grouping; `where` selects the events.
 * @example await pathSessionsQuery(settings, pathElementExpr(settings, undefined), [dateAndFilterConditions])
 */
export async function pathSessionsQuery(settings: PathsSettings, element: HExpr, where: HExpr[]): Promise<HQuery> {
  const cut = await pathCut(settings);
  return templateSelect(SESSIONS, {
    elements: elementsQuery(settings, element, where),
    session_gap_ms: hConstant(SESSION_GAP_MS),
    filtered: cut.filtered,
    limited: cut.limited,
    in_path: cut.inPath,
  });
}

/**
 * `(person_id, ms, path_item)` for every selected event, cleaned, grouped and without excluded elements. Each step
 * reads the previous one's column: an expression repeated inside if/multiIf would be evaluated once per use.
 */
function elementsQuery(settings: PathsSettings, element: HExpr, where: HExpr[]): HSelectQuery {
  const ms = alias('ms', hCall('toUnixTimestamp64Milli', hField('timestamp')));
  const read = select([hField('person_id'), ms, hField('event'), alias('element', element)], hField('events'));
  read.where = where.length > 0 ? hAnd(where) : null;
  const cleanedItem = cleanedElementExpr(settings, hField('element'), hField('event'));
  const cleaned = select([hField('person_id'), hField('ms'), alias('cleaned_item', cleanedItem)], read);
  const pathItem = groupedElementExpr(settings.pathGroupings, hField('cleaned_item'));
  const grouped = select([hField('person_id'), hField('ms'), alias('path_item', pathItem)], cleaned);
  grouped.where = exclusionCondition(settings.excludeEvents, hField('path_item')) ?? null;
  return grouped;
}

function select(items: HExpr[], from: HExpr): HSelectQuery {
  return { node: 'SelectQuery', select: items, select_from: { node: 'JoinExpr', table: from } };
}

function alias(name: string, expr: HExpr): HExpr {
  return { node: 'Alias', alias: name, expr };
}

interface PathCut {
  /** The collapsed path from the start point (first occurrence) and/or through the end point (first occurrence). */
  filtered: HExpr;
  /** At most `stepLimit` elements of it. */
  limited: HExpr;
  /** Keeps paths that hold the points. */
  inPath: HExpr;
}

/**
 * Points and step limit, as PostHog cuts them: from a start point, the first `stepLimit` elements; up to an end
 * point, the last `stepLimit`; between both, when too long, the first and last `stepLimit / 2` around `...`.
 */
async function pathCut(settings: PathsSettings): Promise<PathCut> {
  const { startPoint, endPoint, stepLimit } = settings;
  const half = Math.floor(stepLimit / 2);
  const fill = {
    start: hConstant(pointElement(startPoint ?? '')),
    end: hConstant(pointElement(endPoint ?? '')),
    limit: hConstant(stepLimit),
    negative_limit: hConstant(-stepLimit),
    half: hConstant(half),
    negative_half: hConstant(-half),
    ellipsis: hConstant(ELLIPSIS),
  };
  const expr = (text: string, extra: Record<string, HExpr> = {}) => templateExpr(text, { ...fill, ...extra });
  const head = await expr('arraySlice(filtered, 1, {limit})');
  if (startPoint && endPoint) {
    const startIndex = await expr('indexOf(compact_items, {start})');
    const endIndex = await expr('indexOf(arraySlice(compact_items, {start_index}), {end})', { start_index: startIndex });
    return {
      filtered: await expr('arraySlice(compact, {start_index}, {end_index})', { start_index: startIndex, end_index: endIndex }),
      limited: await expr(
        `if(length(filtered) > {limit},
            arrayConcat(arraySlice(filtered, 1, {half}), [tuple(filtered[{half} + 1].1, {ellipsis})],
                        arraySlice(filtered, {negative_half}, {half})),
            filtered)`,
      ),
      inPath: await expr('{start_index} > 0 AND {end_index} > 0', { start_index: startIndex, end_index: endIndex }),
    };
  }
  if (startPoint) {
    return {
      filtered: await expr('arraySlice(compact, indexOf(compact_items, {start}))'),
      limited: head,
      inPath: await expr('has(compact_items, {start})'),
    };
  }
  if (endPoint) {
    return {
      filtered: await expr('arraySlice(compact, 1, indexOf(compact_items, {end}))'),
      limited: await expr('arraySlice(filtered, {negative_limit})'),
      inPath: await expr('has(compact_items, {end})'),
    };
  }
  return { filtered: hField('compact'), limited: head, inPath: hConstant(true) };
}

/**
 * A start or end point as PostHog compares it: one trailing `/` is dropped (not from `/` itself), like page URLs.
 * @example pointElement('/pricing/') // => '/pricing'
 */
export function pointElement(point: string): string {
  return point.length > 1 && point.endsWith('/') ? point.slice(0, -1) : point;
}
