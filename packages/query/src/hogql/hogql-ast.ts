import type { SourcePosition } from './hogql-error.js';

/**
 * The HogQL AST as `@posthog/hogql-parser` emits it (JSON), limited to the nodes Warren compiles. Anything else the
 * parser produces is refused by the compiler. Builders at the bottom create nodes for queries assembled in code.
 */
interface Located {
  start?: SourcePosition;
  end?: SourcePosition;
}

export interface HConstant extends Located {
  node: 'Constant';
  /** `Date` never comes from the parser; code-built filters use it for bound timestamps. */
  value: string | number | boolean | null | Date;
  /** `'number'` when a number too large or special for JSON arrives as a string (`'1e400'`, `'NaN'`). */
  value_type?: string;
}

export interface HField extends Located {
  node: 'Field';
  chain: (string | number)[];
}

export interface HCall extends Located {
  node: 'Call';
  name: string;
  args: HExpr[];
  params?: HExpr[] | null;
  distinct?: boolean | null;
  filter_expr?: HExpr | null;
  order_by?: unknown;
}

export interface HAlias extends Located {
  node: 'Alias';
  alias: string;
  expr: HExpr;
}

export interface HCompareOperation extends Located {
  node: 'CompareOperation';
  op: string;
  left: HExpr;
  right: HExpr;
}

export interface HArithmeticOperation extends Located {
  node: 'ArithmeticOperation';
  op: string;
  left: HExpr;
  right: HExpr;
}

export interface HAnd extends Located {
  node: 'And';
  exprs: HExpr[];
}

export interface HOr extends Located {
  node: 'Or';
  exprs: HExpr[];
}

export interface HNot extends Located {
  node: 'Not';
  expr: HExpr;
}

export interface HBetweenExpr extends Located {
  node: 'BetweenExpr';
  expr: HExpr;
  low: HExpr;
  high: HExpr;
  negated?: boolean;
}

export interface HArrayAccess extends Located {
  node: 'ArrayAccess';
  array: HExpr;
  property: HExpr;
}

export interface HTupleAccess extends Located {
  node: 'TupleAccess';
  tuple: HExpr;
  index: number;
}

export interface HArray extends Located {
  node: 'Array';
  exprs: HExpr[];
}

export interface HTuple extends Located {
  node: 'Tuple';
  exprs: HExpr[];
}

export interface HLambda extends Located {
  node: 'Lambda';
  args: string[];
  expr: HExpr;
}

export interface HTypeCast extends Located {
  node: 'TypeCast';
  expr: HExpr;
  type_name: string;
}

export interface HPlaceholder extends Located {
  node: 'Placeholder';
  expr: HExpr;
}

export interface HOrderExpr extends Located {
  node: 'OrderExpr';
  expr: HExpr;
  order: string;
}

export interface HJoinConstraint extends Located {
  node: 'JoinConstraint';
  constraint_type: string;
  expr: HExpr;
}

export interface HJoinExpr extends Located {
  node: 'JoinExpr';
  table: HExpr;
  alias?: string | null;
  join_type?: string | null;
  constraint?: HJoinConstraint | null;
  next_join?: HJoinExpr | null;
  [unsupported: string]: unknown;
}

export interface HCTE extends Located {
  node: 'CTE';
  name: string;
  expr: HExpr;
  cte_type: string;
  [unsupported: string]: unknown;
}

export interface HSelectQuery extends Located {
  node: 'SelectQuery';
  select: HExpr[];
  select_from?: HJoinExpr | null;
  where?: HExpr | null;
  group_by?: HExpr[] | null;
  having?: HExpr | null;
  order_by?: HOrderExpr[] | null;
  limit?: HExpr | null;
  offset?: HExpr | null;
  distinct?: boolean | null;
  ctes?: HCTE[] | null;
  [unsupported: string]: unknown;
}

export interface HSelectSetNode {
  node: 'SelectSetNode';
  select_query: HQuery;
  set_operator: string;
}

export interface HSelectSetQuery extends Located {
  node: 'SelectSetQuery';
  initial_select_query: HQuery;
  subsequent_select_queries: HSelectSetNode[];
  limit?: HExpr | null;
  offset?: HExpr | null;
  [unsupported: string]: unknown;
}

export type HQuery = HSelectQuery | HSelectSetQuery;

export type HExpr =
  | HConstant
  | HField
  | HCall
  | HAlias
  | HCompareOperation
  | HArithmeticOperation
  | HAnd
  | HOr
  | HNot
  | HBetweenExpr
  | HArrayAccess
  | HTupleAccess
  | HArray
  | HTuple
  | HLambda
  | HTypeCast
  | HPlaceholder
  | HSelectQuery
  | HSelectSetQuery;

/** @example hField('properties', '$browser') */
export function hField(...chain: (string | number)[]): HField {
  return { node: 'Field', chain };
}

/** @example hConstant('Chrome') */
export function hConstant(value: HConstant['value']): HConstant {
  return { node: 'Constant', value };
}

/** @example hCall('toFloat', hField('properties', 'price')) */
export function hCall(name: string, ...args: HExpr[]): HCall {
  return { node: 'Call', name, args };
}

/** @example hCompare('==', hField('event'), hConstant('$pageview')) */
export function hCompare(op: string, left: HExpr, right: HExpr): HCompareOperation {
  return { node: 'CompareOperation', op, left, right };
}

/** @example hAnd([a, b]) — a single item is returned as is */
export function hAnd(exprs: HExpr[]): HExpr {
  return exprs.length === 1 ? exprs[0] : { node: 'And', exprs };
}

/** @example hOr([a, b]) — a single item is returned as is */
export function hOr(exprs: HExpr[]): HExpr {
  return exprs.length === 1 ? exprs[0] : { node: 'Or', exprs };
}

/** @example hNot(hCall('isNull', x)) */
export function hNot(expr: HExpr): HNot {
  return { node: 'Not', expr };
}
