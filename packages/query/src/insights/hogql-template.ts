import type { HExpr, HPlaceholder, HQuery } from '../hogql/hogql-ast.js';
import { HogQLError } from '../hogql/hogql-error.js';
import { parseHogQLExpr, parseHogQLSelect } from '../hogql/parse-hogql.js';

/**
 * Fixed HogQL text with `{name}` holes filled by AST nodes. The text is code, never user input; user values enter only
 * through the nodes (hConstant, hField, compiled filters), so nothing a user sends is ever parsed as HogQL here.
 */
export type TemplateExprs = Readonly<Record<string, HExpr>>;

/** A parsed template, ready to copy with its holes filled: a fresh tree each call, the fill nodes put in as given. */
type Build = (fill: TemplateExprs) => unknown;

const selects = new Map<string, Promise<Build>>();
const exprs = new Map<string, Promise<Build>>();

/**
 * Parses a fixed SELECT template (once per text) and fills its placeholders with the given nodes.
 * @example await templateSelect('SELECT count() FROM events WHERE {where}', { where: hCompare('==', hField('event'), hConstant('x')) })
 */
export async function templateSelect(template: string, fill: TemplateExprs): Promise<HQuery> {
  let build = selects.get(template);
  if (!build) selects.set(template, (build = parseHogQLSelect(template).then(builder)));
  return (await build)(fill) as HQuery;
}

/**
 * Parses a fixed expression template (once per text) and fills its placeholders with the given nodes.
 * @example await templateExpr('intDiv({index}, 2)', { index: hField('i') })
 */
export async function templateExpr(template: string, fill: TemplateExprs): Promise<HExpr> {
  let build = exprs.get(template);
  if (!build) exprs.set(template, (build = parseHogQLExpr(template).then(builder)));
  return (await build)(fill) as HExpr;
}

/**
 * The copier of a parsed tree, made once per template: the shape is walked here, not on every fill (funnels fill
 * hundreds of templates per query). A cached tree is never handed out, so nothing a caller does to a result reaches it.
 */
function builder(tree: unknown): Build {
  if (Array.isArray(tree)) {
    const items = tree.map(builder);
    return (fill) => items.map((build) => build(fill));
  }
  if (tree === null || typeof tree !== 'object' || tree instanceof Date) return () => tree;
  if ((tree as { node?: unknown }).node === 'Placeholder') return placeholder(tree as HPlaceholder);
  const keys = Object.keys(tree);
  const values = keys.map((key) => builder((tree as Record<string, unknown>)[key]));
  return (fill) => {
    const copy: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) copy[keys[i]] = values[i](fill);
    return copy;
  };
}

function placeholder(node: HPlaceholder): Build {
  const name = node.expr.node === 'Field' && node.expr.chain.length === 1 ? node.expr.chain[0] : undefined;
  if (typeof name !== 'string') throw new HogQLError('unsupported', 'Placeholders must be a plain {name}', node);
  return (fill) => {
    if (!Object.hasOwn(fill, name)) throw new HogQLError('resolution_error', `Template placeholder without a value: {${name}}`);
    return fill[name];
  };
}
