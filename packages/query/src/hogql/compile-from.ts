import type { JoinType, TableSource } from '../sql/ast.js';
import { findCatalogTable } from './catalog.js';
import type { HJoinConstraint, HJoinExpr } from './hogql-ast.js';
import { HogQLError } from './hogql-error.js';
import { isReservedAlias } from './lazy-joins.js';
import { childScope, columnsRead, type Scope, type TableEntry } from './scope.js';

/** One table of a FROM/JOIN chain, before its constraint is compiled and lazy joins are added. */
export interface PendingTable {
  entry: TableEntry;
  /** Built once the whole SELECT is compiled, when the columns it reads are known. */
  source: () => TableSource;
  /** Absent for the first (FROM) table. */
  type?: JoinType;
  constraint?: HJoinConstraint;
}

const JOIN_TYPES: Record<string, JoinType> = {
  JOIN: 'INNER JOIN',
  'INNER JOIN': 'INNER JOIN',
  'LEFT JOIN': 'LEFT JOIN',
  'LEFT OUTER JOIN': 'LEFT JOIN',
  'RIGHT JOIN': 'RIGHT JOIN',
  'RIGHT OUTER JOIN': 'RIGHT JOIN',
  'FULL JOIN': 'FULL OUTER JOIN',
  'FULL OUTER JOIN': 'FULL OUTER JOIN',
  'CROSS JOIN': 'CROSS JOIN',
  'INNER ANY JOIN': 'INNER ANY JOIN',
  'LEFT ANY JOIN': 'LEFT ANY JOIN',
  'RIGHT ANY JOIN': 'RIGHT ANY JOIN',
  'LEFT SEMI JOIN': 'LEFT SEMI JOIN',
  'RIGHT SEMI JOIN': 'RIGHT SEMI JOIN',
  'LEFT ANTI JOIN': 'LEFT ANTI JOIN',
  'RIGHT ANTI JOIN': 'RIGHT ANTI JOIN',
  'ASOF JOIN': 'ASOF JOIN',
  'LEFT ASOF JOIN': 'LEFT ASOF JOIN',
};

const JOIN_KEYS = new Set(['node', 'start', 'end', 'table', 'alias', 'join_type', 'constraint', 'next_join']);

/**
 * Resolves a FROM/JOIN chain against the catalog, CTEs and subqueries, registering each table in `scope.tables`.
 * @example compileFrom(parse('SELECT 1 FROM events e').select_from, scope) // [{ entry: { alias: 'e', … }, … }]
 */
export function compileFrom(first: HJoinExpr, scope: Scope): PendingTable[] {
  const pending: PendingTable[] = [];
  for (let join: HJoinExpr | null | undefined = first; join; join = join.next_join) {
    assertSupportedJoin(join);
    const { source, entry } = resolveTable(join, scope, pending.length);
    if (scope.tables.some((t) => t.alias === entry.alias)) {
      throw new HogQLError('resolution_error', `Table alias ${entry.alias} is used twice; alias one of them`, join);
    }
    scope.tables.push(entry);
    const item: PendingTable = { entry, source };
    if (pending.length > 0) item.type = joinType(join);
    if (join.constraint) item.constraint = join.constraint;
    pending.push(item);
  }
  return pending;
}

function resolveTable(join: HJoinExpr, scope: Scope, index: number): { source: () => TableSource; entry: TableEntry } {
  const { table } = join;
  if (table.node === 'SelectQuery' || table.node === 'SelectSetQuery') {
    const compiled = scope.compileQuery(table, scope);
    const alias = checkedAlias(join.alias ?? `_subquery${index}`, join);
    return { source: () => ({ kind: 'subquery', query: compiled.query }), entry: { alias, columns: compiled.columns, lazy: new Set() } };
  }
  if (table.node !== 'Field') throw new HogQLError('unsupported', 'Unsupported table expression', join);
  const name = table.chain.join('.');
  if (join.table_args) throw new HogQLError('unsupported', `Table functions are not supported: ${name}()`, join);
  const alias = checkedAlias(join.alias ?? name, join);
  const cte = table.chain.length === 1 ? scope.ctes.get(name) : undefined;
  if (cte) {
    const compiled = scope.compileQuery(cte.query, childScope(scope, cte.ctes));
    return { source: () => ({ kind: 'subquery', query: compiled.query }), entry: { alias, columns: compiled.columns, lazy: new Set() } };
  }
  const catalogTable = table.chain.length === 1 ? findCatalogTable(name) : undefined;
  if (!catalogTable) throw new HogQLError('resolution_error', `Unknown table: ${name}`, join);
  const entry: TableEntry = { alias, table: catalogTable, lazy: new Set() };
  return { source: () => catalogTable.source({ sessionWindow: scope.sessionWindow, read: columnsRead(entry, alias) }), entry };
}

function joinType(join: HJoinExpr): JoinType {
  const type = join.join_type ?? 'JOIN';
  const mapped = Object.hasOwn(JOIN_TYPES, type) ? JOIN_TYPES[type] : undefined;
  if (!mapped) throw new HogQLError('unsupported', `Unsupported join type: ${type}`, join);
  return mapped;
}

function checkedAlias(alias: string, join: HJoinExpr): string {
  if (!alias || isReservedAlias(alias)) throw new HogQLError('resolution_error', `Alias not allowed: ${alias}`, join);
  return alias;
}

function assertSupportedJoin(join: HJoinExpr): void {
  for (const [key, value] of Object.entries(join)) {
    if (!JOIN_KEYS.has(key) && value !== null && value !== undefined && value !== false && key !== 'table_args') {
      throw new HogQLError('unsupported', `Unsupported table clause: ${key}`, join);
    }
  }
  if (join.constraint && join.constraint.constraint_type !== 'ON' && join.constraint.constraint_type !== 'USING') {
    throw new HogQLError('unsupported', `Unsupported join constraint: ${join.constraint.constraint_type}`, join);
  }
}
