import type { Expr } from '../sql/ast.js';
import { alias, column } from '../sql/build.js';
import { compileResolved } from './compile-expr.js';
import type { HExpr, HField } from './hogql-ast.js';
import { HogQLError } from './hogql-error.js';
import { isReservedAlias } from './lazy-joins.js';
import { printHogQL } from './print-hogql.js';
import { resolveOnTable } from './resolve-field.js';
import type { OutputColumn, Scope, TableEntry } from './scope.js';

export interface CompiledSelectList {
  exprs: Expr[];
  columns: OutputColumn[];
}

/**
 * Compiles a SELECT list: expands `*` / `t.*` to the tables' columns, names each output column (alias, else the
 * HogQL text) and aliases plain fields by their last name so outer queries can reference them.
 * @example compileSelectList(parse('SELECT event, count()').select, scope).columns // [{ name: 'event', sqlName: 'event' }, { name: 'count()' }]
 */
export function compileSelectList(items: readonly HExpr[], scope: Scope): CompiledSelectList {
  const out: CompiledSelectList = { exprs: [], columns: [] };
  const taken = new Set<string>(scope.aliases);
  for (const item of items) {
    if (item.node === 'Field' && item.chain[item.chain.length - 1] === '*') {
      for (const { expr, col } of expandStar(item, scope, taken)) push(out, expr, col);
    } else if (item.node === 'Alias') {
      if (!item.alias || isReservedAlias(item.alias)) {
        throw new HogQLError('resolution_error', `Alias not allowed: ${item.alias}`, item);
      }
      const resolved = compileResolved(item.expr, { ...scope, hidden: new Set([item.alias]) });
      const json = resolved.json !== undefined && resolved.json.keys.length === 0;
      push(out, alias(resolved.expr, item.alias), { name: item.alias, sqlName: item.alias, json });
    } else {
      const resolved = compileResolved(item, scope);
      const name = printHogQL(item);
      const auto = autoAlias(item, resolved.expr, taken);
      const json = resolved.json !== undefined && resolved.json.keys.length === 0;
      const col: OutputColumn = auto ? { name, sqlName: auto, json } : { name, json };
      push(out, auto ? alias(resolved.expr, auto) : resolved.expr, col);
    }
  }
  return out;
}

function push(out: CompiledSelectList, expr: Expr, col: OutputColumn): void {
  out.exprs.push(expr);
  out.columns.push(col);
}

/** Plain fields keep their last name (`e.event` → `event`), unless that name is taken in this SELECT. */
function autoAlias(item: HExpr, compiled: Expr, taken: Set<string>): string | undefined {
  const fieldChain = item.node === 'Field' ? item.chain : undefined;
  const last = fieldChain?.[fieldChain.length - 1];
  // A bare reference to an alias or lambda argument is already named.
  if (typeof last !== 'string' || (compiled.kind === 'column' && compiled.table === undefined) || taken.has(last)) {
    return undefined;
  }
  taken.add(last);
  return last;
}

function expandStar(item: HField, scope: Scope, taken: Set<string>): { expr: Expr; col: OutputColumn }[] {
  const qualifier = item.chain.slice(0, -1);
  let entries: TableEntry[] = scope.tables;
  if (qualifier.length > 0) {
    const entry = qualifier.length === 1 ? scope.tables.find((t) => t.alias === qualifier[0]) : undefined;
    if (!entry) throw new HogQLError('resolution_error', `Unknown table in ${printHogQL(item)}`, item);
    entries = [entry];
  }
  if (entries.length === 0) throw new HogQLError('resolution_error', 'SELECT * needs a FROM clause', item);
  return entries.flatMap((entry) => starColumns(entry, scope, item, taken));
}

function starColumns(entry: TableEntry, scope: Scope, item: HField, taken: Set<string>) {
  const fail = (detail: string) => new HogQLError('resolution_error', detail, item);
  const names = entry.table ? entry.table.star : (entry.columns ?? []).flatMap((c) => (c.sqlName ? [c.sqlName] : []));
  return names.map((name) => {
    const resolved = entry.table ? resolveOnTable(entry, [name], scope, fail).expr : column(entry.alias, name);
    const json = entry.table ? entry.table.columns[name].kind === 'json' : entry.columns?.find((c) => c.sqlName === name)?.json;
    const unique = !taken.has(name);
    taken.add(name);
    const col: OutputColumn = unique ? { name, sqlName: name, json: Boolean(json) } : { name };
    return { expr: unique ? alias(resolved, name) : resolved, col };
  });
}
