import { hCall, type HExpr } from './hogql-ast.js';
import type { PropertyValue } from './property-filter.js';

/**
 * What a filter compares: a field, and how its values read. Event, person and group properties are text (NULL when
 * missing); session fields and event columns have their own types and compare through their text form.
 */
export interface FilterTarget {
  expr: HExpr;
  type: 'string' | 'number' | 'datetime' | 'boolean' | 'other';
}

/**
 * A target's text form: itself when it is text, else `toString` of it (NULL stays NULL).
 * @example asText({ expr: hField('session', '$is_bounce'), type: 'boolean' }) // toString(session.$is_bounce)
 */
export function asText(target: FilterTarget): HExpr {
  return target.type === 'string' ? target.expr : hCall('toString', target.expr);
}

/**
 * How a filter value reads as text: booleans as `true` / `false`, numbers in their shortest form.
 * @example textOf(true) // => 'true'
 */
export function textOf(value: PropertyValue): string {
  return typeof value === 'string' ? value : String(value);
}
