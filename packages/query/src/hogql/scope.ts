import type { SessionWindow } from './sessions-source.js';
import type { Query } from '../sql/ast.js';
import type { CatalogTable } from './catalog.js';
import type { HExpr, HQuery } from './hogql-ast.js';

/** A column a compiled query exposes: `name` for the response, `sqlName` for outer queries to reference. */
export interface OutputColumn {
  name: string;
  sqlName?: string;
  /** A raw JSON properties string, so `sub.props.key` may read properties from it. */
  json?: boolean;
}

export interface CompiledQuery {
  query: Query;
  columns: OutputColumn[];
}

/** Joins an events table adds only when a query uses them: merges, the person, groups by type index, the session. */
export type LazyJoin = 'override' | 'person' | 'session' | GroupJoin;

export type GroupJoin = 'group_0' | 'group_1' | 'group_2' | 'group_3' | 'group_4';

/** A table in a SELECT's FROM/JOIN chain. */
export interface TableEntry {
  alias: string;
  /** Set for catalog tables; subqueries and CTEs have `columns` instead. */
  table?: CatalogTable;
  columns?: readonly OutputColumn[];
  /** Joins that field resolution asked for (events.person_id, events.person.*, group_N.*, session.*). */
  lazy: Set<LazyJoin>;
  /**
   * The catalog columns field resolution read, by the alias they were read through (the table's own, or one of its
   * lazy joins'): a source that can leave columns out (sessions) prints only these.
   */
  read?: Map<string, Set<string>>;
}

/**
 * Notes that a query reads `name` of the catalog table behind `tableAlias`.
 * @example noteRead(entry, 'e__session', '$entry_pathname')
 */
export function noteRead(entry: TableEntry, tableAlias: string, name: string): void {
  entry.read ??= new Map();
  let names = entry.read.get(tableAlias);
  if (!names) entry.read.set(tableAlias, (names = new Set()));
  names.add(name);
}

/**
 * The catalog columns a query reads through `tableAlias` (none noted: an empty set).
 * @example columnsRead(entry, 'e__session') // Set { '$entry_pathname' }
 */
export function columnsRead(entry: TableEntry, tableAlias: string): ReadonlySet<string> {
  return entry.read?.get(tableAlias) ?? new Set();
}

export interface CteDefinition {
  query: HQuery;
  /** CTEs visible where this one was defined. */
  ctes: ReadonlyMap<string, CteDefinition>;
}

/** Everything name resolution can see inside one SELECT. */
export interface Scope {
  readonly timezone: string;
  readonly tables: TableEntry[];
  /** Select-list aliases, referable by bare name. */
  readonly aliases: ReadonlySet<string>;
  /** Aliases hidden while their own expression compiles (`toDate(timestamp) AS timestamp`). */
  readonly hidden: ReadonlySet<string>;
  readonly lambdaArgs: ReadonlySet<string>;
  readonly ctes: ReadonlyMap<string, CteDefinition>;
  readonly columnCtes: ReadonlyMap<string, HExpr>;
  /** Compiles a nested query in a fresh scope (injected to keep expression and query compilers acyclic). */
  readonly compileQuery: (node: HQuery, parent: Scope) => CompiledQuery;
  /** When set, the sessions read by this query (table or join) are only those begun near this window. */
  readonly sessionWindow?: SessionWindow;
}

/**
 * A fresh scope for a nested SELECT: no tables or aliases of the parent (no correlated references), same CTEs.
 * @example const inner = childScope(scope)
 */
export function childScope(parent: Scope, ctes: ReadonlyMap<string, CteDefinition> = parent.ctes): Scope {
  return {
    timezone: parent.timezone,
    tables: [],
    aliases: new Set(),
    hidden: new Set(),
    lambdaArgs: new Set(),
    ctes,
    columnCtes: parent.columnCtes,
    compileQuery: parent.compileQuery,
    ...(parent.sessionWindow && { sessionWindow: parent.sessionWindow }),
  };
}
