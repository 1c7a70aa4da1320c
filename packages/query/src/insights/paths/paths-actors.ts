import { hConstant, type HExpr, type HQuery, type HSelectQuery } from '../../hogql/hogql-ast.js';
import { HogQLError } from '../../hogql/hogql-error.js';
import type { ActorsPoint } from '../actors.js';
import type { PathsFilter } from './paths-filter.js';
import { templateExpr, templateSelect } from '../hogql-template.js';

/** Which part of the paths graph an actors query opens. Keys are `<step>_<element>`, as in `results`. */
export interface PathsActorsKeys {
  start?: string;
  end?: string;
  dropoff?: string;
}

const ACTORS = `
SELECT person_id AS actor_id, count() AS event_count
FROM {paths}
WHERE {matches}
GROUP BY person_id`;

/**
 * The keys an actors query asks for, each from the point or else from the query's `pathsFilter` (where PostHog's
 * actors queries carry them). @example readActorsKeys({ pathStartKey: '1_/home' }, { pathEndKey: '2_/a' }) // => { start: '1_/home', end: '2_/a' }
 */
export function readActorsKeys(point: ActorsPoint, filter: PathsFilter): PathsActorsKeys {
  const keys: PathsActorsKeys = {};
  for (const [field, name] of [['pathStartKey', 'start'], ['pathEndKey', 'end'], ['pathDropoffKey', 'dropoff']] as const) {
    const value = point[field] || filter[field];
    if (value === undefined || value === null || value === '') continue;
    if (typeof value !== 'string') throw new HogQLError('unsupported', `${field} must be a string`);
    keys[name] = value;
  }
  return keys;
}

/**
 * One row per person with a path through the asked part of the graph; `event_count` is how many of their paths do.
 * A drop-off is a path whose last step is the key; an edge needs the two keys as consecutive steps.
 * @example await pathsActorsQuery({ start: '1_/home', end: '2_/pricing' }, paths)
 */
export async function pathsActorsQuery(keys: PathsActorsKeys, paths: HQuery): Promise<HSelectQuery> {
  const fill = { start: hConstant(keys.start ?? ''), end: hConstant(keys.end ?? ''), dropoff: hConstant(keys.dropoff ?? '') };
  let matches: HExpr = hConstant(true);
  if (keys.dropoff) matches = await templateExpr('keys[-1] = {dropoff}', fill);
  else if (keys.start && keys.end) matches = await templateExpr('arrayExists(edge -> edge.1 = {start} AND edge.2 = {end}, edges)', fill);
  else if (keys.start) matches = await templateExpr('arrayExists(edge -> edge.1 = {start}, edges)', fill);
  else if (keys.end) matches = await templateExpr('has(keys, {end})', fill);
  return (await templateSelect(ACTORS, { paths, matches })) as HSelectQuery;
}
