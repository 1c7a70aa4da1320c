import type { Query, QuerySettings, SelectQuery } from '../sql/ast.js';
import { constant } from '../sql/build.js';
import { printSql } from '../sql/print-sql.js';
import { compileQuery, rootScope, wrapQuery } from './compile-select.js';
import { hConstant, type HExpr, type HQuery } from './hogql-ast.js';
import { HogQLError } from './hogql-error.js';
import { parseHogQLSelect } from './parse-hogql.js';
import { substitutePlaceholders } from './placeholders.js';
import { printHogQL } from './print-hogql.js';
import { assertTimezone } from './timezone.js';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 50_000;
export const MAX_EXECUTION_TIME_SECONDS = 10;

export interface CompileHogQLInput {
  query: string;
  teamId: number;
  timezone: string;
  values?: Record<string, unknown>;
  defaultLimit?: number;
  maxLimit?: number;
}

export interface CompiledHogQL {
  /** ClickHouse SQL asking for `limit + 1` rows, so the caller can tell whether there are more. */
  sql: string;
  params: Record<string, unknown>;
  /** Output column names: the alias, else the HogQL text of the expression. */
  columns: string[];
  limit: number;
  /** The HogQL that ran, with the effective LIMIT. */
  hogql: string;
}

export interface CompileAstOptions {
  teamId: number;
  timezone: string;
  defaultLimit?: number;
  maxLimit?: number;
}

/**
 * Compiles a HogQL query to guarded, parameterised ClickHouse SQL.
 * @example await compileHogQL({ query: 'SELECT event, count() FROM events GROUP BY event', teamId: 1, timezone: 'UTC' })
 * // => { sql: 'SELECT `events`.`event` AS `event`, count() FROM (SELECT * FROM `events` WHERE …) … LIMIT {p1:Int64} SETTINGS …', columns: ['event', 'count()'], limit: 100, … }
 */
export async function compileHogQL(input: CompileHogQLInput): Promise<CompiledHogQL> {
  const timezone = assertTimezone(input.timezone);
  const parsed = await parseHogQLSelect(input.query);
  const ast = substitutePlaceholders(parsed, input.values ?? {});
  return compileHogQLAst(ast, { ...input, timezone });
}

/**
 * Compiles an already parsed (or code-built) HogQL query; the shared back half of compileHogQL and EventsQuery.
 * @example compileHogQLAst(ast, { teamId: 1, timezone: 'UTC' }).limit // => 100
 */
export function compileHogQLAst(ast: HQuery, options: CompileAstOptions): CompiledHogQL {
  const timezone = assertTimezone(options.timezone);
  const limit = effectiveLimit(ast.limit, options.defaultLimit ?? DEFAULT_LIMIT, options.maxLimit ?? MAX_LIMIT);
  const offset = effectiveOffset(ast.offset);
  const compiled = compileQuery({ ...ast, limit: null, offset: null }, rootScope(timezone));
  const outer = topLevel(compiled.query);
  outer.limit = constant(limit + 1);
  if (offset > 0) outer.offset = constant(offset);
  outer.settings = safetySettings(limit);
  const { sql, params } = printSql(outer, { teamId: options.teamId });
  const hogql = printHogQL({ ...ast, limit: hConstant(limit), ...(offset > 0 && { offset: hConstant(offset) }) });
  return { sql, params, columns: compiled.columns.map((c) => c.name), limit, hogql };
}

function topLevel(query: Query): SelectQuery {
  return query.kind === 'select' ? query : wrapQuery(query);
}

/**
 * Defence in depth on top of the structural guarantees: read-only (which also refuses table functions), a time
 * limit, and a row cap just above the LIMIT.
 */
function safetySettings(limit: number): QuerySettings {
  return {
    readonly: 1,
    max_execution_time: MAX_EXECUTION_TIME_SECONDS,
    max_result_rows: limit + 1,
    result_overflow_mode: 'throw',
  };
}

function effectiveLimit(node: HExpr | null | undefined, defaultLimit: number, maxLimit: number): number {
  const requested = node ? integerConstant(node, 'LIMIT') : defaultLimit;
  return Math.min(requested, maxLimit);
}

function effectiveOffset(node: HExpr | null | undefined): number {
  return node ? integerConstant(node, 'OFFSET') : 0;
}

function integerConstant(node: HExpr, clause: string): number {
  if (node.node !== 'Constant' || typeof node.value !== 'number' || !Number.isSafeInteger(node.value) || node.value < 0) {
    throw new HogQLError('unsupported', `${clause} must be a non-negative integer`, node);
  }
  return node.value;
}
