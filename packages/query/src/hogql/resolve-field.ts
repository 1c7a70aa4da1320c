import type { Expr } from '../sql/ast.js';
import { call, column, constant } from '../sql/build.js';
import { joinedTable, type CatalogTable } from './catalog.js';
import { HogQLError, type SourcePosition } from './hogql-error.js';
import { lazyJoinAlias, resolvedPersonId } from './lazy-joins.js';
import { propertyAccess } from './property-access.js';
import { noteRead, type Scope, type TableEntry } from './scope.js';

type Key = string | number;

/** A resolved field; `json` is set when more property keys may be appended (`properties`, `properties.a`). */
export interface Resolved {
  expr: Expr;
  json?: { base: Expr; keys: readonly Key[] };
}

interface Where {
  start?: SourcePosition;
  end?: SourcePosition;
}

/**
 * Resolves a HogQL field chain (`event`, `e.timestamp`, `properties.$browser`, `person.properties.email`) in scope.
 * @example resolveField(['properties', '$browser'], scope).expr // replaceRegexpAll(nullIf(nullIf(JSONExtractRaw(…
 */
export function resolveField(chain: readonly Key[], scope: Scope, where: Where = {}): Resolved {
  const [head, ...rest] = chain;
  const fail = (detail: string) => new HogQLError('resolution_error', detail, where);
  if (typeof head !== 'string') throw fail(`Unable to resolve field: ${chain.join('.')}`);
  if (rest.length === 0 && scope.lambdaArgs.has(head)) return { expr: column(undefined, head) };
  if (rest.length === 0 && scope.aliases.has(head) && !scope.hidden.has(head)) return { expr: column(undefined, head) };
  const qualified = rest.length > 0 ? scope.tables.find((t) => t.alias === head) : undefined;
  if (qualified) return resolveOnTable(qualified, rest, scope, fail);
  const candidates = scope.tables.filter((t) => hasColumn(t, head));
  if (candidates.length === 0) throw fail(`Unable to resolve field: ${chain.join('.')}`);
  if (candidates.length > 1) {
    throw fail(`Ambiguous field ${chain.join('.')}: qualify it with one of ${candidates.map((t) => t.alias).join(', ')}`);
  }
  return resolveOnTable(candidates[0], chain, scope, fail);
}

/** True if a table entry exposes a column of that name. */
export function hasColumn(entry: TableEntry, name: string): boolean {
  if (entry.table) return Object.hasOwn(entry.table.columns, name);
  return (entry.columns ?? []).some((c) => c.sqlName === name);
}

/**
 * Resolves `[column, ...propertyKeys]` on one table entry.
 * @example resolveOnTable(eventsEntry, ['timestamp'], scope, fail).expr // toTimeZone(`events`.`timestamp`, {p0:String})
 */
export function resolveOnTable(
  entry: TableEntry,
  chain: readonly Key[],
  scope: Scope,
  fail: (detail: string) => HogQLError,
): Resolved {
  const [name, ...rest] = chain;
  if (typeof name !== 'string' || !hasColumn(entry, name)) {
    throw fail(`Unable to resolve field ${String(name)} on ${entry.alias}`);
  }
  if (entry.table) return resolveCatalogColumn(entry, entry.table, entry.alias, name, rest, scope, fail);
  const output = (entry.columns ?? []).find((c) => c.sqlName === name);
  const expr = column(entry.alias, name);
  if (output?.json) return jsonPath(expr, rest);
  if (rest.length > 0) throw fail(`Cannot read ${rest.join('.')} from ${name}: it is not a properties column`);
  return { expr };
}

function resolveCatalogColumn(
  entry: TableEntry,
  table: CatalogTable,
  tableAlias: string,
  name: string,
  rest: readonly Key[],
  scope: Scope,
  fail: (detail: string) => HogQLError,
): Resolved {
  const spec = Object.hasOwn(table.columns, name) ? table.columns[name] : undefined;
  if (!spec) throw fail(`Unable to resolve field ${name} on ${table.name}`);
  noteRead(entry, tableAlias, name);
  if (spec.kind === 'json') return jsonPath(column(tableAlias, spec.column), rest);
  if (spec.kind === 'join') {
    const [joinedColumn, ...joinedRest] = rest;
    if (typeof joinedColumn !== 'string') throw fail(`Select fields of ${name} (${joinExample(name)}) rather than ${name}`);
    if (spec.join === 'person') entry.lazy.add('override');
    entry.lazy.add(spec.join);
    const joinAlias = lazyJoinAlias(tableAlias, spec.join);
    return resolveCatalogColumn(entry, joinedTable(spec.join), joinAlias, joinedColumn, joinedRest, scope, fail);
  }
  if (rest.length > 0) throw fail(`Cannot read ${rest.join('.')} from ${name}: it is not a properties column`);
  switch (spec.kind) {
    case 'plain':
      return { expr: column(tableAlias, spec.column) };
    case 'datetime':
      return { expr: call('toTimeZone', column(tableAlias, spec.column), constant(scope.timezone)) };
    case 'person_id':
      entry.lazy.add('override');
      return { expr: resolvedPersonId(tableAlias) };
  }
}

function joinExample(name: string): string {
  if (name === 'person') return 'person.id, person.properties.email';
  if (name === 'session') return 'session.$session_duration, session.$entry_pathname';
  return `${name}.key, ${name}.properties.name`;
}

/**
 * A properties column, or a property inside it when keys are given.
 * @example jsonPath(column('events', 'properties'), ['a', 'b'])
 */
export function jsonPath(base: Expr, keys: readonly Key[]): Resolved {
  return { expr: keys.length === 0 ? base : propertyAccess(base, keys), json: { base, keys } };
}
