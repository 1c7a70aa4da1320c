import type { HExpr, HQuery } from '../../hogql/hogql-ast.js';
import { HogQLError } from '../../hogql/hogql-error.js';
import { parseHogQLSelect } from '../../hogql/parse-hogql.js';

/**
 * Parses a fixed HogQL template and puts AST nodes where it says `{name}`. The template text is code, never user
 * input: user values reach the query only as the nodes substituted here (constants are bound when printed).
 * @example await hogqlTemplate('SELECT count() FROM events WHERE {cond}', { cond: hCompare('==', hField('event'), hConstant(e)) })
 */
export async function hogqlTemplate(template: string, nodes: Readonly<Record<string, HExpr>>): Promise<HQuery> {
  return substitute(await parseHogQLSelect(template), nodes) as HQuery;
}

function substitute(node: unknown, nodes: Readonly<Record<string, HExpr>>): unknown {
  if (Array.isArray(node)) return node.map((item) => substitute(item, nodes));
  if (node === null || typeof node !== 'object' || node instanceof Date) return node;
  const { node: kind, expr } = node as { node?: unknown; expr?: HExpr };
  if (kind === 'Placeholder') {
    const name = expr?.node === 'Field' && expr.chain.length === 1 ? expr.chain[0] : undefined;
    if (typeof name !== 'string' || !Object.hasOwn(nodes, name)) {
      throw new HogQLError('resolution_error', `Template placeholder {${String(name)}} has no value`);
    }
    // A node may be placed several times; each place gets its own copy.
    return structuredClone(nodes[name]);
  }
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, substitute(value, nodes)]));
}
