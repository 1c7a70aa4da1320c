import { hConstant, type HExpr, type HPlaceholder, type HQuery } from './hogql-ast.js';
import { HogQLError } from './hogql-error.js';

/**
 * Replaces every `{name}` in a parsed query with the matching value as a constant (bound at print time).
 * Only literal values are accepted: strings, numbers, booleans, null, dates and arrays of those.
 * @example substitutePlaceholders(parse('SELECT {x}'), { x: 'a' }) // SELECT 'a'
 */
export function substitutePlaceholders(query: HQuery, values: Readonly<Record<string, unknown>>): HQuery {
  return substitute(query, values) as HQuery;
}

function substitute(node: unknown, values: Readonly<Record<string, unknown>>): unknown {
  if (Array.isArray(node)) return node.map((item) => substitute(item, values));
  if (node === null || typeof node !== 'object' || node instanceof Date) return node;
  if ((node as { node?: unknown }).node === 'Placeholder') return placeholderValue(node as HPlaceholder, values);
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, substitute(value, values)]));
}

function placeholderValue(node: HPlaceholder, values: Readonly<Record<string, unknown>>): HExpr {
  const { expr } = node;
  const name = expr.node === 'Field' && expr.chain.length === 1 ? expr.chain[0] : undefined;
  if (typeof name !== 'string') throw new HogQLError('unsupported', 'Placeholders must be a plain {name}', node);
  if (!Object.hasOwn(values, name)) {
    throw new HogQLError('resolution_error', `No value given for placeholder {${name}}`, node);
  }
  return toExpr(values[name], name, node);
}

function toExpr(value: unknown, name: string, node: HPlaceholder): HExpr {
  if (Array.isArray(value)) return { node: 'Array', exprs: value.map((item) => toExpr(item, name, node)) };
  if (value === null || value instanceof Date || ['string', 'number', 'boolean'].includes(typeof value)) {
    return hConstant(value as string | number | boolean | null | Date);
  }
  throw new HogQLError('unsupported', `Placeholder {${name}} must be a string, number, boolean, date or array`, node);
}
