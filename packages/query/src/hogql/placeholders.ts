import { hConstant, type HExpr, type HPlaceholder, type HQuery } from './hogql-ast.js';
import { HogQLError } from './hogql-error.js';

/**
 * Replaces every `{name}` in a parsed query with the matching value as a constant (bound at print time).
 * Only literal values are accepted: strings, numbers, booleans, null, dates and arrays of those.
 * @example substitutePlaceholders(parse('SELECT {x}'), { x: 'a' }) // SELECT 'a'
 */
export function substitutePlaceholders(query: HQuery, values: Readonly<Record<string, unknown>>): HQuery {
  return replacePlaceholders(query, (name, node) => {
    if (!Object.hasOwn(values, name)) {
      throw new HogQLError('resolution_error', `No value given for placeholder {${name}}`, node);
    }
    return toExpr(values[name], name, node);
  }) as HQuery;
}

/**
 * Copies a parsed tree with every plain `{name}` replaced by what `valueOf` gives for it (the replacement is not
 * walked again); the shared walk behind user `values` and code-built templates. A cached tree is never mutated.
 * @example replacePlaceholders(parse('SELECT {x}'), () => hConstant(1)) // SELECT 1
 */
function replacePlaceholders(tree: unknown, valueOf: (name: string, node: HPlaceholder) => HExpr): unknown {
  if (Array.isArray(tree)) return tree.map((item) => replacePlaceholders(item, valueOf));
  if (tree === null || typeof tree !== 'object' || tree instanceof Date) return tree;
  if ((tree as { node?: unknown }).node === 'Placeholder') {
    const node = tree as HPlaceholder;
    const name = node.expr.node === 'Field' && node.expr.chain.length === 1 ? node.expr.chain[0] : undefined;
    if (typeof name !== 'string') throw new HogQLError('unsupported', 'Placeholders must be a plain {name}', node);
    return valueOf(name, node);
  }
  return Object.fromEntries(Object.entries(tree).map(([key, value]) => [key, replacePlaceholders(value, valueOf)]));
}

function toExpr(value: unknown, name: string, node: HPlaceholder): HExpr {
  if (Array.isArray(value)) return { node: 'Array', exprs: value.map((item) => toExpr(item, name, node)) };
  if (value === null || value instanceof Date || ['string', 'number', 'boolean'].includes(typeof value)) {
    return hConstant(value as string | number | boolean | null | Date);
  }
  throw new HogQLError('unsupported', `Placeholder {${name}} must be a string, number, boolean, date or array`, node);
}
