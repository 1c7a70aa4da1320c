import type { Expr } from '../sql/ast.js';
import { call, constant } from '../sql/build.js';

/**
 * Reads a JSON property the way PostHog does: the raw JSON value with surrounding quotes stripped, NULL when the
 * key is missing or JSON null. Keys are bound parameters.
 * @example propertyAccess(column('events', 'properties'), ['$browser'])
 * // replaceRegexpAll(nullIf(nullIf(JSONExtractRaw(`events`.`properties`, {p0:String}), {p1:String}), {p2:String}), …)
 */
export function propertyAccess(json: Expr, keys: readonly (string | number)[]): Expr {
  const raw = call('JSONExtractRaw', json, ...keys.map((key) => constant(key)));
  const present = call('nullIf', call('nullIf', raw, constant('')), constant('null'));
  return call('replaceRegexpAll', present, constant('^"|"$'), constant(''));
}
