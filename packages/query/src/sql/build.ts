import type {
  AliasExpr,
  Call,
  ColumnRef,
  Constant,
  ConstantValue,
  Expr,
  GuardedTable,
  ParamType,
  TableSource,
} from './ast.js';

/**
 * Small constructors for the SQL AST, so query builders read like the SQL they produce.
 * @example call('equals', column('events', 'event'), constant('$pageview'))
 */
export function column(table: string | undefined, name: string): ColumnRef {
  return table === undefined ? { kind: 'column', name } : { kind: 'column', table, name };
}

/** A bound constant. @example constant('UTC') // printed as {p0:String} */
export function constant(value: ConstantValue, type?: ParamType): Constant {
  return type === undefined ? { kind: 'constant', value } : { kind: 'constant', value, type };
}

/** A call to an allowlisted ClickHouse function. @example call('count') */
export function call(name: string, ...args: Expr[]): Call {
  return { kind: 'call', name, args };
}

/** `expr AS alias`. @example alias(call('count'), 'total') */
export function alias(expr: Expr, name: string): AliasExpr {
  return { kind: 'alias', expr, alias: name };
}

/** AND of the given conditions, flattening the trivial cases. @example and(a, b) // and(a, b) */
export function and(...exprs: (Expr | undefined)[]): Expr | undefined {
  const present = exprs.filter((e): e is Expr => e !== undefined);
  if (present.length <= 1) return present[0];
  return call('and', ...present);
}

/** OR of the given conditions. @example or(a, b) // or(a, b) */
export function or(...exprs: Expr[]): Expr {
  return exprs.length === 1 ? exprs[0] : call('or', ...exprs);
}

/** `equals(left, right)`. @example equals(column('e', 'event'), constant('x')) */
export function equals(left: Expr, right: Expr): Call {
  return call('equals', left, right);
}

/** A physical table; the printer adds the project guard. @example table('events') */
export function table(name: GuardedTable, options: { final?: boolean } = {}): TableSource {
  return options.final ? { kind: 'table', table: name, final: true } : { kind: 'table', table: name };
}
