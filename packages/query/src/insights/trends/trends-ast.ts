import { hCall, hConstant, hField, type HAlias, type HExpr, type HLambda, type HSelectQuery } from '../../hogql/hogql-ast.js';

// Small builders for the SELECTs trends assembles in code. Every user value arrives here already as an AST node.

/** @example alias('total', hCall('count')) // count() AS total */
export function alias(name: string, expr: HExpr): HAlias {
  return { node: 'Alias', alias: name, expr };
}

/** @example column('day_start') // day_start */
export function column(name: string): HExpr {
  return hField(name);
}

/**
 * A SELECT over a table (`events`, or a CTE by name) or a subquery, with optional WHERE, GROUP BY and HAVING.
 * @example select([alias('n', hCall('count'))], 'events', { where }) // SELECT count() AS n FROM events WHERE …
 */
export function select(
  items: HExpr[],
  from: string | HSelectQuery,
  clauses: { where?: HExpr; groupBy?: HExpr[]; having?: HExpr } = {},
): HSelectQuery {
  const query: HSelectQuery = {
    node: 'SelectQuery',
    select: items,
    select_from: { node: 'JoinExpr', table: typeof from === 'string' ? hField(from) : from },
  };
  if (clauses.where) query.where = clauses.where;
  if (clauses.groupBy && clauses.groupBy.length > 0) query.group_by = clauses.groupBy;
  if (clauses.having) query.having = clauses.having;
  return query;
}

/** @example lambda(['b'], hCompare('>=', hField('b'), hField('t'))) // b -> b >= t */
export function lambda(args: string[], expr: HExpr): HLambda {
  return { node: 'Lambda', args, expr };
}

/** @example array([hConstant('a')]) // ['a'] */
export function array(items: HExpr[]): HExpr {
  return { node: 'Array', exprs: items };
}

/** A Float64 zero, so `ifNull(avg(x), 0)` stays Float64 rather than becoming a Variant. */
export function floatZero(): HExpr {
  return hCall('toFloat64', hConstant(0));
}
