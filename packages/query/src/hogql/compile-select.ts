import type { SessionWindow } from './sessions-source.js';
import type { FromItem, Join, OrderBy, Query, SelectQuery, SetOperator } from '../sql/ast.js';
import { compileExpr } from './compile-expr.js';
import { compileFrom, type PendingTable } from './compile-from.js';
import { compileSelectList } from './compile-select-list.js';
import type { HExpr, HOrderExpr, HQuery, HSelectQuery, HSelectSetQuery } from './hogql-ast.js';
import { HogQLError, type SourcePosition } from './hogql-error.js';
import { lazyJoinAliases, lazyJoinsFor } from './lazy-joins.js';
import { childScope, noteRead, type CompiledQuery, type CteDefinition, type Scope } from './scope.js';

const SELECT_KEYS = new Set([
  'node', 'start', 'end', 'select', 'select_from', 'where', 'group_by', 'having', 'order_by', 'limit', 'offset',
  'distinct', 'ctes',
]);
const SET_KEYS = new Set(['node', 'start', 'end', 'initial_select_query', 'subsequent_select_queries', 'limit', 'offset']);
const SET_OPERATORS: Record<string, SetOperator> = {
  'UNION ALL': 'UNION ALL',
  'UNION DISTINCT': 'UNION DISTINCT',
  INTERSECT: 'INTERSECT',
  EXCEPT: 'EXCEPT',
};

/**
 * The scope a top-level query compiles in: no tables yet, the project timezone, nested queries wired in.
 * @example compileQuery(ast, rootScope('UTC'))
 */
export function rootScope(timezone: string, sessionWindow?: SessionWindow): Scope {
  const scope: Scope = {
    timezone,
    ...(sessionWindow && { sessionWindow }),
    tables: [],
    aliases: new Set(),
    hidden: new Set(),
    lambdaArgs: new Set(),
    ctes: new Map(),
    columnCtes: new Map(),
    compileQuery: (node, parent) => compileQuery(node, childScope(parent)),
  };
  return scope;
}

/**
 * Compiles a parsed HogQL SELECT or set query (UNION ALL, …) in a fresh scope.
 * @example compileQuery(await parseHogQLSelect('SELECT event FROM events'), rootScope('UTC')).columns // [{ name: 'event', … }]
 */
export function compileQuery(node: HQuery, scope: Scope): CompiledQuery {
  if (node.node === 'SelectQuery') return compileSelect(node, scope);
  if (node.node === 'SelectSetQuery') return compileSet(node, scope);
  throw new HogQLError('unsupported', 'Only SELECT queries are supported');
}

function compileSelect(node: HSelectQuery, outer: Scope): CompiledQuery {
  assertOnlyKeys(node, SELECT_KEYS, 'clause');
  const scope = withCtes(node, outer);
  const pending = node.select_from ? compileFrom(node.select_from, scope) : [];
  const aliases = new Set(node.select.flatMap((item) => (item.node === 'Alias' ? [item.alias] : [])));
  const full: Scope = { ...scope, aliases };
  const list = compileSelectList(node.select, full);
  const compile = (expr: HExpr) => compileExpr(expr, full);
  const query: SelectQuery = { kind: 'select', select: list.exprs };
  if (node.distinct) query.distinct = true;
  if (node.where) query.where = compile(node.where);
  if (node.group_by?.length) query.groupBy = node.group_by.map(compile);
  if (node.having) query.having = compile(node.having);
  if (node.order_by?.length) query.orderBy = node.order_by.map((o) => compileOrder(o, full));
  if (node.limit) query.limit = compile(node.limit);
  if (node.offset) query.offset = compile(node.offset);
  // Join constraints compile last-but-one so every lazy join the query asked for is known before joins are built.
  Object.assign(query, buildJoins(pending, { ...scope, aliases: new Set() }));
  return { query, columns: list.columns };
}

function compileSet(node: HSelectSetQuery, scope: Scope): CompiledQuery {
  assertOnlyKeys(node, SET_KEYS, 'clause');
  const member = (q: HQuery) => scope.compileQuery(q, scope);
  const first = member(node.initial_select_query);
  const rest = node.subsequent_select_queries.map((next) => {
    const op = Object.hasOwn(SET_OPERATORS, next.set_operator) ? SET_OPERATORS[next.set_operator] : undefined;
    if (!op) throw new HogQLError('unsupported', `Unsupported set operator: ${next.set_operator}`, node);
    return { op, query: member(next.select_query).query };
  });
  const set: Query = { kind: 'set', first: first.query, rest };
  if (!node.limit && !node.offset) return { query: set, columns: first.columns };
  const compile = (expr: HExpr) => compileExpr(expr, scope);
  const wrapped = wrapQuery(set);
  if (node.limit) wrapped.limit = compile(node.limit);
  if (node.offset) wrapped.offset = compile(node.offset);
  return { query: wrapped, columns: first.columns };
}

/**
 * `SELECT * FROM (query)`: how a set query gets an outer LIMIT or SETTINGS.
 * @example wrapQuery(unionQuery).limit = constant(101)
 */
export function wrapQuery(query: Query): SelectQuery {
  return { kind: 'select', select: [{ kind: 'star' }], from: { source: { kind: 'subquery', query }, alias: '_set' } };
}

function withCtes(node: HSelectQuery, outer: Scope): Scope {
  if (!node.ctes?.length) return outer;
  const ctes = new Map(outer.ctes);
  const columnCtes = new Map(outer.columnCtes);
  for (const cte of node.ctes) {
    assertOnlyKeys(cte, new Set(['node', 'start', 'end', 'name', 'expr', 'cte_type']), 'CTE option');
    if (cte.cte_type === 'column') {
      columnCtes.set(cte.name, cte.expr);
    } else if (cte.expr.node === 'SelectQuery' || cte.expr.node === 'SelectSetQuery') {
      const definition: CteDefinition = { query: cte.expr, ctes: new Map(ctes) };
      ctes.set(cte.name, definition);
    } else {
      throw new HogQLError('unsupported', `Unsupported CTE: ${cte.name}`, cte);
    }
  }
  return { ...outer, ctes, columnCtes };
}

function buildJoins(pending: PendingTable[], scope: Scope): { from?: FromItem; joins?: Join[] } {
  if (pending.length === 0) return {};
  // Constraints first: they may ask for lazy joins of tables further left, and read their columns. Sources last, once
  // every column the query reads is known.
  const compiled = pending.map((item, index) => (index > 0 ? compileJoin(item, pending, scope) : undefined));
  const joins: Join[] = [];
  for (const [index, item] of pending.entries()) {
    const join = compiled[index];
    if (join) joins.push({ ...join, source: item.source() });
    joins.push(...lazyJoinsFor(item.entry, scope.sessionWindow));
  }
  const from: FromItem = { source: pending[0].source(), alias: pending[0].entry.alias };
  return joins.length > 0 ? { from, joins } : { from };
}

function compileJoin(item: PendingTable, pending: readonly PendingTable[], scope: Scope): Omit<Join, 'source'> {
  const join = { type: item.type ?? 'INNER JOIN', alias: item.entry.alias };
  const constraint = item.constraint;
  if (!constraint) return join;
  if (constraint.constraint_type === 'ON') {
    const on = compileExpr(constraint.expr, scope);
    // Its lazy joins can only follow this join, so its own ON cannot use them.
    if (referencesTable(on, lazyJoinAliases(item.entry.alias))) {
      throw new HogQLError(
        'unsupported',
        `person_id, person, group_N and session fields of ${item.entry.alias} cannot be used in its own JOIN condition; select FROM it first`,
        constraint,
      );
    }
    return { ...join, on };
  }
  const fields = constraint.expr.node === 'Tuple' ? constraint.expr.exprs : [constraint.expr];
  const using = fields.map((field) => {
    const name = field.node === 'Field' && field.chain.length === 1 ? field.chain[0] : undefined;
    if (typeof name !== 'string') throw new HogQLError('unsupported', 'USING takes plain column names', constraint);
    // Both sides read the column without resolving it: note it on every catalog table of the chain that has it.
    for (const other of pending) if (other.entry.table && Object.hasOwn(other.entry.table.columns, name)) noteRead(other.entry, other.entry.alias, name);
    return name;
  });
  return { ...join, using };
}

function referencesTable(node: unknown, aliases: readonly string[]): boolean {
  if (Array.isArray(node)) return node.some((child) => referencesTable(child, aliases));
  if (node === null || typeof node !== 'object') return false;
  const { kind, table } = node as { kind?: string; table?: unknown };
  if (kind === 'column' && typeof table === 'string' && aliases.includes(table)) return true;
  return Object.values(node).some((child) => referencesTable(child, aliases));
}

function compileOrder(node: HOrderExpr, scope: Scope): OrderBy {
  const direction = node.order === 'DESC' ? 'DESC' : 'ASC';
  return { expr: compileExpr(node.expr, scope), direction };
}

function assertOnlyKeys(node: object, allowed: ReadonlySet<string>, what: string): void {
  for (const [key, value] of Object.entries(node)) {
    if (!allowed.has(key) && value !== null && value !== undefined && value !== false) {
      throw new HogQLError('unsupported', `Unsupported ${what}: ${key}`, node as { start?: SourcePosition; end?: SourcePosition });
    }
  }
}
