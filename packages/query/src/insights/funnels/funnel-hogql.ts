import { hConstant, type HExpr, type HSelectQuery } from '../../hogql/hogql-ast.js';
import { templateExpr } from '../hogql-template.js';

/** What may be spliced into a template: an AST node, or a value that becomes a bound constant. */
export type Splice = HExpr | string | number | boolean | null | Date;

/**
 * Builds a HogQL expression from fixed template text; every `${…}` is spliced in after parsing, as the AST node
 * given or as a bound constant, so no value ever becomes HogQL text.
 * @example await hx`arrayFilter(x -> x.1 > ${limit}, ${events})` // limit bound as a parameter, events an AST node
 */
export async function hx(strings: TemplateStringsArray, ...splices: Splice[]): Promise<HExpr> {
  let text = strings[0];
  const fill: Record<string, HExpr> = {};
  splices.forEach((value, i) => {
    text += `{s${i}}${strings[i + 1]}`;
    fill[`s${i}`] = value !== null && typeof value === 'object' && !(value instanceof Date) ? value : hConstant(value);
  });
  return templateExpr(text, fill);
}

/** `expr AS name`. @example alias(hField('event'), 'e') */
export function alias(expr: HExpr, name: string): HExpr {
  return { node: 'Alias', alias: name, expr };
}

/** A field by one name: a column of the subquery below, a select alias, or a lambda argument. @example ref('ev2') */
export function ref(name: string): HExpr {
  return { node: 'Field', chain: [name] };
}

/** `[a, b, …]`. @example array([hConstant('x')]) */
export function array(exprs: HExpr[]): HExpr {
  return { node: 'Array', exprs };
}

/** `(a, b, …)`. @example tuple([ref('key'), ref('bd')]) */
export function tuple(exprs: HExpr[]): HExpr {
  return { node: 'Tuple', exprs };
}

/** The parts of a SELECT a funnel builds. */
export interface SelectParts {
  select: HExpr[];
  from: HSelectQuery | HExpr;
  where?: HExpr | null;
  groupBy?: HExpr[];
}

/**
 * The name of every funnel subquery: one short name (a SELECT sees only its own FROM), since ClickHouse parses the
 * statement — tens of kilobytes, mostly `<subquery>.column` — at about a microsecond a character.
 */
const SUBQUERY = '_s';

/**
 * A SELECT over a subquery (or a table field).
 * @example select({ select: [ref('x')], from: inner })
 */
export function select(parts: SelectParts): HSelectQuery {
  const query: HSelectQuery = {
    node: 'SelectQuery',
    select: parts.select,
    select_from: { node: 'JoinExpr', table: parts.from, ...(parts.from.node === 'SelectQuery' ? { alias: SUBQUERY } : {}) },
  };
  if (parts.where) query.where = parts.where;
  if (parts.groupBy?.length) query.group_by = parts.groupBy;
  return query;
}
