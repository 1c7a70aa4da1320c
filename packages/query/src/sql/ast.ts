/**
 * A small typed ClickHouse SQL AST. Every analytics query (HogQL, events, trends, funnels) is built as these nodes
 * and printed by `printSql`, which binds every constant as a query parameter and guards every table by project.
 * Verbatim tokens (join types, directions, set operators, settings) are closed unions checked again at print time.
 */

/** Warren's physical ClickHouse tables. Every reference is printed behind the project guard (`team_id = …`). */
export type GuardedTable =
  | 'events'
  | 'person'
  | 'person_distinct_id_overrides'
  | 'groups'
  | 'session_replay_events'
  | 'cohort_people'
  | 'raw_sessions'
  | 'web_sessions_daily'
  | 'web_pages_daily'
  | 'web_breakdowns_daily';

export type ScalarParamType = 'String' | 'UInt8' | 'Int64' | 'UInt64' | 'Float64' | 'Bool' | 'UUID' | "DateTime64(6, 'UTC')";
export type ParamType = ScalarParamType | `Array(${ScalarParamType})`;

export type ConstantValue =
  | string
  | number
  | bigint
  | boolean
  | null
  | Date
  | readonly string[]
  | readonly number[]
  | readonly boolean[];

export interface ColumnRef {
  kind: 'column';
  /** Table alias; absent for select aliases and lambda arguments. */
  table?: string;
  name: string;
}

/** A literal value; printed as a bound parameter (`{p0:String}`), except `null`, printed as `NULL`. */
export interface Constant {
  kind: 'constant';
  value: ConstantValue;
  /** Overrides the inferred parameter type. */
  type?: ParamType;
}

/** A function call; `name` must be on the ClickHouse function allowlist. `params` are parametric-aggregate params. */
export interface Call {
  kind: 'call';
  name: string;
  args: readonly Expr[];
  params?: readonly Expr[];
  distinct?: boolean;
}

export interface Lambda {
  kind: 'lambda';
  args: readonly string[];
  body: Expr;
}

export interface ArrayExpr {
  kind: 'array';
  items: readonly Expr[];
}

export interface TupleExpr {
  kind: 'tuple';
  items: readonly Expr[];
}

/** `CASE [subject] WHEN … THEN … ELSE … END`. */
export interface CaseExpr {
  kind: 'case';
  subject?: Expr;
  branches: readonly { when: Expr; then: Expr }[];
  else?: Expr;
}

export interface AliasExpr {
  kind: 'alias';
  expr: Expr;
  alias: string;
}

export interface Star {
  kind: 'star';
  table?: string;
}

export interface SubqueryExpr {
  kind: 'subquery';
  query: Query;
}

/** A named value supplied at print time (`printSql(q, { values })`); printed as a bound parameter. */
export interface Placeholder {
  kind: 'placeholder';
  name: string;
}

export type Expr =
  | ColumnRef
  | Constant
  | Call
  | Lambda
  | ArrayExpr
  | TupleExpr
  | CaseExpr
  | AliasExpr
  | Star
  | SubqueryExpr
  | Placeholder;

export type JoinType =
  | 'INNER JOIN'
  | 'LEFT JOIN'
  | 'RIGHT JOIN'
  | 'FULL OUTER JOIN'
  | 'CROSS JOIN'
  | 'INNER ANY JOIN'
  | 'LEFT ANY JOIN'
  | 'RIGHT ANY JOIN'
  | 'LEFT SEMI JOIN'
  | 'RIGHT SEMI JOIN'
  | 'LEFT ANTI JOIN'
  | 'RIGHT ANTI JOIN'
  | 'ASOF JOIN'
  | 'LEFT ASOF JOIN';

export type OrderDirection = 'ASC' | 'DESC';
export type SetOperator = 'UNION ALL' | 'UNION DISTINCT' | 'INTERSECT' | 'EXCEPT';

export type TableSource =
  /** `final` reads a Replacing/AggregatingMergeTree with its parts merged (`FROM t FINAL`), a verbatim keyword. */
  | { kind: 'table'; table: GuardedTable; final?: boolean }
  | { kind: 'subquery'; query: Query }
  /** A CTE defined in an enclosing `with`; the printer refuses names it cannot see. */
  | { kind: 'cte'; name: string };

export interface FromItem {
  source: TableSource;
  alias: string;
}

export interface Join extends FromItem {
  type: JoinType;
  on?: Expr;
  using?: readonly string[];
}

export interface OrderBy {
  expr: Expr;
  direction: OrderDirection;
}

export interface Cte {
  name: string;
  query: Query;
}

/** Allowlisted query settings; only the outermost query may carry them. */
export interface QuerySettings {
  readonly?: 1 | 2;
  max_execution_time?: number;
  max_result_rows?: number;
  result_overflow_mode?: 'throw' | 'break';
  max_memory_usage?: number;
  max_rows_to_read?: number;
  /** 'false' keeps a join's right side where the query put it (chosen on purpose: the smaller, pre-grouped side). */
  query_plan_join_swap_table?: 'false' | 'true' | 'auto';
  /**
   * 0 keeps a query's nested SELECTs as separate expression steps: merging them costs time quadratic in their
   * depth, and the funnel's stages are deep (docs/performance.md).
   */
  query_plan_merge_expressions?: 0 | 1;
}

export interface SelectQuery {
  kind: 'select';
  with?: readonly Cte[];
  distinct?: boolean;
  select: readonly Expr[];
  from?: FromItem;
  joins?: readonly Join[];
  where?: Expr;
  groupBy?: readonly Expr[];
  having?: Expr;
  orderBy?: readonly OrderBy[];
  limit?: Expr;
  offset?: Expr;
  settings?: QuerySettings;
}

export interface SetQuery {
  kind: 'set';
  first: Query;
  rest: readonly { op: SetOperator; query: Query }[];
}

export type Query = SelectQuery | SetQuery;
