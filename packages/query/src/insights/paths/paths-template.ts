import type { HExpr, HPlaceholder, HQuery } from '../../hogql/hogql-ast.js';
import { HogQLError } from '../../hogql/hogql-error.js';
import { parseHogQLExpr, parseHogQLSelect } from '../../hogql/parse-hogql.js';

// Fixed HogQL text with `{name}` holes filled by AST nodes. The text is code; user values enter only as nodes
// (constants, compiled filters), so nothing a user sends is parsed as part of these templates.

type Fill = Readonly<Record<string, HExpr>>;

const parsedSelects = new Map<string, Promise<HQuery>>();
const parsedExprs = new Map<string, Promise<HExpr>>();

/**
 * A fixed SELECT template (parsed once per text) with its holes filled.
 * @example await pathsSelect('SELECT person_id FROM {events}', { events: eventsQuery })
 */
export async function pathsSelect(template: string, fill: Fill): Promise<HQuery> {
  if (!parsedSelects.has(template)) parsedSelects.set(template, parseHogQLSelect(template));
  return substitute(await parsedSelects.get(template), fill) as HQuery;
}

/**
 * A fixed expression template (parsed once per text) with its holes filled.
 * @example await pathsExpr('arraySlice(compact, 1, {limit})', { limit: hConstant(5) })
 */
export async function pathsExpr(template: string, fill: Fill = {}): Promise<HExpr> {
  if (!parsedExprs.has(template)) parsedExprs.set(template, parseHogQLExpr(template));
  return substitute(await parsedExprs.get(template), fill) as HExpr;
}

// Copies the cached tree while filling it, so a cached parse is never shared with a result.
function substitute(node: unknown, fill: Fill): unknown {
  if (Array.isArray(node)) return node.map((item) => substitute(item, fill));
  if (node === null || typeof node !== 'object' || node instanceof Date) return node;
  if ((node as { node?: unknown }).node === 'Placeholder') {
    const { expr } = node as HPlaceholder;
    const name = expr.node === 'Field' && expr.chain.length === 1 ? expr.chain[0] : undefined;
    if (typeof name !== 'string' || !Object.hasOwn(fill, name)) {
      throw new HogQLError('resolution_error', `Paths template hole without a value: ${String(name)}`);
    }
    return fill[name];
  }
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, substitute(value, fill)]));
}
