import { compileQuery, rootScope, wrapQuery } from '../hogql/compile-select.js';
import type { HQuery } from '../hogql/hogql-ast.js';
import type { SessionWindow } from '../hogql/sessions-source.js';
import { printHogQL } from '../hogql/print-hogql.js';
import type { QuerySettings } from '../sql/ast.js';
import { printSql } from '../sql/print-sql.js';
import { MAX_EXECUTION_TIME_SECONDS } from '../hogql/compile-hogql.js';
import type { InsightContext } from './insight-context.js';

/** One compiled SQL statement of an insight, ready for the event store. */
export interface InsightStatement {
  sql: string;
  params: Record<string, unknown>;
  /** The HogQL it was compiled from (responses echo it as `hogql`). */
  hogql: string;
}

/** Rows as the event store returns them: typed columns and row arrays in column order. */
export interface StatementResult {
  columns: readonly { name: string; type: string }[];
  rows: readonly (readonly unknown[])[];
}

/**
 * What a query kind compiles to: the statements to run (in order, independent of each other) and a pure function
 * that turns their rows into PostHog's `results`.
 */
export interface InsightPlan<Results = unknown> {
  statements: InsightStatement[];
  shape(results: readonly StatementResult[]): Results;
  /** Extra top-level response fields (`resolved_date_range`, `hasMore`, …). */
  extra?: Record<string, unknown>;
}

/** Planner settings a query kind may ask for (allowlisted by the printer); the safety settings always win. */
export type PlanTuning = Pick<QuerySettings, 'query_plan_merge_expressions'>;

/**
 * Compiles a code-built HogQL query for an insight: the project guard on every table, persons after merges, every
 * value bound, read-only with the 10 s limit. Unlike user SQL, no row LIMIT is imposed: the query's own shape bounds
 * its output. @example compileInsightStatement(ast, ctx) // => { sql: 'SELECT … SETTINGS readonly=1, …', params, hogql }
 */
export function compileInsightStatement(ast: HQuery, ctx: Pick<InsightContext, 'teamId' | 'timezone'>, sessionWindow?: SessionWindow, tuning: PlanTuning = {}): InsightStatement {
  const compiled = compileQuery(ast, rootScope(ctx.timezone, sessionWindow));
  const outer = compiled.query.kind === 'select' ? compiled.query : wrapQuery(compiled.query);
  outer.settings = { ...tuning, readonly: 1, max_execution_time: MAX_EXECUTION_TIME_SECONDS };
  const { sql, params } = printSql(outer, { teamId: ctx.teamId });
  return { sql, params, hogql: printHogQL(ast) };
}
