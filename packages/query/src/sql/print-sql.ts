import type {
  CaseExpr,
  Call,
  ConstantValue,
  Expr,
  FromItem,
  GuardedTable,
  Join,
  Query,
  SelectQuery,
  SetQuery,
  TableSource,
} from './ast.js';
import { CLICKHOUSE_FUNCTIONS } from './clickhouse-functions.js';
import { createParamBinder, type ParamBinder } from './query-params.js';
import { quoteIdentifier } from './quote-identifier.js';
import { printSettings } from './settings.js';

export interface PrintOptions {
  /** The project every table reference is restricted to. */
  teamId: number;
  /** Values for `placeholder` nodes. */
  values?: Readonly<Record<string, ConstantValue>>;
}

export interface PrintedSql {
  sql: string;
  params: Record<string, unknown>;
}

interface Ctx {
  readonly binder: ParamBinder;
  readonly guard: string;
  readonly values: Readonly<Record<string, ConstantValue>>;
  readonly ctes: ReadonlySet<string>;
  readonly nested: boolean;
}

const GUARDED_TABLES: ReadonlySet<string> = new Set<GuardedTable>([
  'events',
  'person',
  'person_distinct_id_overrides',
  'groups',
  'session_replay_events',
  'cohort_people',
  'raw_sessions',
  'web_sessions_daily',
  'web_pages_daily',
  'web_breakdowns_daily',
]);
const JOIN_TYPES: ReadonlySet<string> = new Set([
  'INNER JOIN', 'LEFT JOIN', 'RIGHT JOIN', 'FULL OUTER JOIN', 'CROSS JOIN', 'INNER ANY JOIN', 'LEFT ANY JOIN',
  'RIGHT ANY JOIN', 'LEFT SEMI JOIN', 'RIGHT SEMI JOIN', 'LEFT ANTI JOIN', 'RIGHT ANTI JOIN', 'ASOF JOIN',
  'LEFT ASOF JOIN',
]);
const DIRECTIONS: ReadonlySet<string> = new Set(['ASC', 'DESC']);
const SET_OPERATORS: ReadonlySet<string> = new Set(['UNION ALL', 'UNION DISTINCT', 'INTERSECT', 'EXCEPT']);
const CAST_TYPES: ReadonlySet<string> = new Set(['Int64', 'UInt64', 'Float64', 'String', 'Bool', 'Date']);

/**
 * Prints a query as ClickHouse SQL with every constant bound as a parameter and every table behind the project guard.
 * @example printSql(select, { teamId: 1 }) // => { sql: 'SELECT … WHERE equals(`events`.`team_id`, {team_id:Int64}) …', params: { team_id: 1, p0: '$pageview' } }
 */
export function printSql(query: Query, options: PrintOptions): PrintedSql {
  if (!Number.isSafeInteger(options.teamId)) throw new Error('teamId must be an integer');
  const binder = createParamBinder();
  const guard = binder.bindNamed('team_id', options.teamId, 'Int64');
  const ctx: Ctx = { binder, guard, values: options.values ?? {}, ctes: new Set(), nested: false };
  return { sql: printQuery(query, ctx), params: binder.params };
}

function printQuery(query: Query, ctx: Ctx): string {
  if (query.kind === 'select') return printSelect(query, ctx);
  if (query.kind === 'set') return printSet(query, ctx);
  throw new Error(`Unknown query node: ${(query as { kind: string }).kind}`);
}

function printSet(query: SetQuery, ctx: Ctx): string {
  const inner = { ...ctx, nested: true };
  const member = (q: Query) => (q.kind === 'set' ? `(${printQuery(q, inner)})` : printQuery(q, inner));
  const parts = [member(query.first)];
  for (const { op, query: next } of query.rest) {
    parts.push(allowed(SET_OPERATORS, op, 'set operator'), member(next));
  }
  return parts.join(' ');
}

function printSelect(query: SelectQuery, outer: Ctx): string {
  const ctx = withCtes(query, outer);
  const parts: string[] = [];
  if (query.with?.length) {
    parts.push(`WITH ${query.with.map((c) => `${quoteIdentifier(c.name)} AS (${printQuery(c.query, ctx)})`).join(', ')}`);
  }
  if (query.select.length === 0) throw new Error('SELECT needs at least one expression');
  parts.push(`SELECT ${query.distinct ? 'DISTINCT ' : ''}${printList(query.select, ctx)}`);
  if (query.from) parts.push(`FROM ${printFromItem(query.from, ctx)}`);
  for (const join of query.joins ?? []) parts.push(printJoin(join, ctx));
  if (query.where) parts.push(`WHERE ${printExpr(query.where, ctx)}`);
  if (query.groupBy?.length) parts.push(`GROUP BY ${printList(query.groupBy, ctx)}`);
  if (query.having) parts.push(`HAVING ${printExpr(query.having, ctx)}`);
  if (query.orderBy?.length) {
    const items = query.orderBy.map((o) => `${printExpr(o.expr, ctx)} ${allowed(DIRECTIONS, o.direction, 'direction')}`);
    parts.push(`ORDER BY ${items.join(', ')}`);
  }
  if (query.limit) parts.push(`LIMIT ${printExpr(query.limit, ctx)}`);
  if (query.offset) parts.push(`OFFSET ${printExpr(query.offset, ctx)}`);
  if (query.settings) {
    if (outer.nested) throw new Error('Only the outermost query may carry SETTINGS');
    const settings = printSettings(query.settings);
    if (settings) parts.push(`SETTINGS ${settings}`);
  }
  return parts.join(' ');
}

function withCtes(query: SelectQuery, outer: Ctx): Ctx {
  const ctes = new Set(outer.ctes);
  for (const cte of query.with ?? []) {
    // A CTE named like a table would shadow it inside the guard's own subquery.
    if (GUARDED_TABLES.has(cte.name)) throw new Error(`CTE name collides with a table: ${cte.name}`);
    ctes.add(cte.name);
  }
  return { ...outer, ctes, nested: true };
}

function printFromItem(item: FromItem, ctx: Ctx): string {
  return `${printSource(item.source, ctx)} AS ${quoteIdentifier(item.alias)}`;
}

function printJoin(join: Join, ctx: Ctx): string {
  const head = `${allowed(JOIN_TYPES, join.type, 'join type')} ${printFromItem(join, ctx)}`;
  if (join.on && join.using) throw new Error('A join takes ON or USING, not both');
  if (join.on) return `${head} ON ${printExpr(join.on, ctx)}`;
  if (join.using) return `${head} USING (${join.using.map(quoteIdentifier).join(', ')})`;
  return head;
}

function printSource(source: TableSource, ctx: Ctx): string {
  switch (source.kind) {
    case 'table':
      return printGuardedTable(source.table, ctx, source.final === true);
    case 'subquery':
      return `(${printQuery(source.query, ctx)})`;
    case 'cte':
      if (!ctx.ctes.has(source.name)) throw new Error(`Unknown CTE: ${source.name}`);
      return quoteIdentifier(source.name);
    default:
      throw new Error(`Unknown table source: ${(source as { kind: string }).kind}`);
  }
}

/**
 * The project guard. Each physical table is read through its own tiny subquery whose WHERE restricts it to the
 * project; nothing the caller writes is in scope there, so no alias, join type or CTE can loosen it.
 */
function printGuardedTable(table: GuardedTable, ctx: Ctx, final: boolean): string {
  const name = quoteIdentifier(allowed(GUARDED_TABLES, table, 'table'));
  return `(SELECT * FROM ${name}${final ? ' FINAL' : ''} WHERE equals(${name}.\`team_id\`, ${ctx.guard}))`;
}

function printList(exprs: readonly Expr[], ctx: Ctx): string {
  return exprs.map((e) => printExpr(e, ctx)).join(', ');
}

function printExpr(expr: Expr, ctx: Ctx): string {
  switch (expr.kind) {
    case 'column':
      return expr.table === undefined
        ? quoteIdentifier(expr.name)
        : `${quoteIdentifier(expr.table)}.${quoteIdentifier(expr.name)}`;
    case 'constant':
      return expr.value === null ? 'NULL' : ctx.binder.bind(expr.value, expr.type);
    case 'call':
      return printCall(expr, ctx);
    case 'lambda':
      if (expr.args.length === 0) throw new Error('Lambda needs arguments');
      return `(${expr.args.map(quoteIdentifier).join(', ')}) -> ${printExpr(expr.body, ctx)}`;
    case 'array':
      return `[${printList(expr.items, ctx)}]`;
    case 'tuple':
      return `tuple(${printList(expr.items, ctx)})`;
    case 'case':
      return printCase(expr, ctx);
    case 'alias':
      return `${printExpr(expr.expr, ctx)} AS ${quoteIdentifier(expr.alias)}`;
    case 'star':
      return expr.table === undefined ? '*' : `${quoteIdentifier(expr.table)}.*`;
    case 'subquery':
      return `(${printQuery(expr.query, { ...ctx, nested: true })})`;
    case 'placeholder':
      return printPlaceholder(expr.name, ctx);
    default:
      throw new Error(`Unknown expression node: ${(expr as { kind: string }).kind}`);
  }
}

function printCall(call: Call, ctx: Ctx): string {
  if (!CLICKHOUSE_FUNCTIONS.has(call.name)) throw new Error(`Function not allowed: ${call.name}`);
  if (call.name === 'accurateCastOrNull') assertCastType(call);
  if (call.name === 'JSONExtract') assertJsonExtractType(call);
  const params = call.params?.length ? `(${printList(call.params, ctx)})` : '';
  return `${call.name}${params}(${call.distinct ? 'DISTINCT ' : ''}${printList(call.args, ctx)})`;
}

function assertCastType(call: Call): void {
  const type = call.args[1];
  if (type?.kind !== 'constant' || typeof type.value !== 'string' || !CAST_TYPES.has(type.value)) {
    throw new Error('accurateCastOrNull takes a constant type from the allowlist');
  }
}

/** JSONExtract is printed only as the compiler's property read, whose last argument is a fixed type. */
function assertJsonExtractType(call: Call): void {
  const type = call.args[call.args.length - 1];
  if (call.args.length < 3 || type?.kind !== 'constant' || type.value !== 'Nullable(String)') {
    throw new Error("JSONExtract is only allowed as a property read returning 'Nullable(String)'");
  }
}

function printCase(expr: CaseExpr, ctx: Ctx): string {
  if (expr.branches.length === 0) throw new Error('CASE needs at least one branch');
  const subject = expr.subject ? ` ${printExpr(expr.subject, ctx)}` : '';
  const branches = expr.branches.map((b) => ` WHEN ${printExpr(b.when, ctx)} THEN ${printExpr(b.then, ctx)}`);
  const otherwise = expr.else ? ` ELSE ${printExpr(expr.else, ctx)}` : '';
  return `CASE${subject}${branches.join('')}${otherwise} END`;
}

function printPlaceholder(name: string, ctx: Ctx): string {
  if (!Object.hasOwn(ctx.values, name)) throw new Error(`No value for placeholder: ${name}`);
  const value = ctx.values[name];
  return value === null ? 'NULL' : ctx.binder.bind(value);
}

function allowed<T extends string>(set: ReadonlySet<string>, value: T, what: string): T {
  if (!set.has(value)) throw new Error(`Unsupported ${what}: ${String(value)}`);
  return value;
}
