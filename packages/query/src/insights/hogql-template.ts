import type { HExpr, HQuery } from '../hogql/hogql-ast.js';
import { HogQLError } from '../hogql/hogql-error.js';
import { parseHogQLExpr, parseHogQLSelect } from '../hogql/parse-hogql.js';
import { replacePlaceholders } from '../hogql/placeholders.js';

/**
 * Fixed HogQL text with `{name}` holes filled by AST nodes. The text is code, never user input; user values enter only
 * through the nodes (hConstant, hField, compiled filters), so nothing a user sends is ever parsed as HogQL here.
 */
export type TemplateExprs = Readonly<Record<string, HExpr>>;

const selects = new Map<string, Promise<HQuery>>();
const exprs = new Map<string, Promise<HExpr>>();

/**
 * Parses a fixed SELECT template (once per text) and fills its placeholders with the given nodes.
 * @example await templateSelect('SELECT count() FROM events WHERE {where}', { where: hCompare('==', hField('event'), hConstant('x')) })
 */
export async function templateSelect(template: string, fill: TemplateExprs): Promise<HQuery> {
  if (!selects.has(template)) selects.set(template, parseHogQLSelect(template));
  return substitute(await (selects.get(template) as Promise<HQuery>), fill) as HQuery;
}

/**
 * Parses a fixed expression template (once per text) and fills its placeholders with the given nodes.
 * @example await templateExpr('intDiv({index}, 2)', { index: hField('i') })
 */
export async function templateExpr(template: string, fill: TemplateExprs): Promise<HExpr> {
  if (!exprs.has(template)) exprs.set(template, parseHogQLExpr(template));
  return substitute(await (exprs.get(template) as Promise<HExpr>), fill) as HExpr;
}

function substitute(tree: unknown, fill: TemplateExprs): unknown {
  return replacePlaceholders(tree, (name) => {
    if (!Object.hasOwn(fill, name)) throw new HogQLError('resolution_error', `Template placeholder without a value: {${name}}`);
    return fill[name];
  });
}
