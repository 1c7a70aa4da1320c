import { compileQuery, rootScope, wrapQuery } from '../hogql/compile-select.js';
import type { HExpr, HQuery } from '../hogql/hogql-ast.js';
import { MAX_EXECUTION_TIME_SECONDS } from '../hogql/compile-hogql.js';
import { printHogQL } from '../hogql/print-hogql.js';
import type { SessionWindow } from '../hogql/sessions-source.js';
import type { InsightContext } from '../insights/insight-context.js';
import type { InsightStatement } from '../insights/insight-statement.js';
import { printSql } from '../sql/print-sql.js';

/** The alias web queries give the `sessions` table they join their per-session event rows to. */
export const SESSIONS_ALIAS = 's';

/**
 * An expression over an event's `session.<field>`s rewritten over the joined sessions table (`s.<field>`), so it is
 * computed once per session after the events are grouped, not through a sessions join per event.
 * @example onJoinedSessions(hField('session', '$browser')) // s.$browser
 */
export function onJoinedSessions(expr: HExpr): HExpr {
  return rebase(expr) as HExpr;
}

function rebase(tree: unknown): unknown {
  if (Array.isArray(tree)) return tree.map(rebase);
  if (tree === null || typeof tree !== 'object' || tree instanceof Date) return tree;
  const node = tree as { node?: unknown; chain?: unknown[] };
  if (node.node === 'Field' && node.chain?.[0] === 'session') return { ...node, chain: [SESSIONS_ALIAS, ...node.chain.slice(1)] };
  return Object.fromEntries(Object.entries(tree).map(([key, value]) => [key, rebase(value)]));
}

/**
 * Compiles a web query like any insight statement (project guard, persons after merges, values bound, read-only,
 * the 10 s limit) and keeps each join's right side where the query put it: web queries join the big side (events
 * grouped per session, or sessions) to the smaller one on purpose, and ClickHouse's size guess ('auto') swapped the
 * sessions-to-overrides join to the slow way round (docs/performance.md).
 * @example compileWebStatement(ast, ctx, sessionWindowOf(spec.current))
 */
export function compileWebStatement(ast: HQuery, ctx: Pick<InsightContext, 'teamId' | 'timezone'>, sessionWindow?: SessionWindow): InsightStatement {
  const compiled = compileQuery(ast, rootScope(ctx.timezone, sessionWindow));
  const outer = compiled.query.kind === 'select' ? compiled.query : wrapQuery(compiled.query);
  outer.settings = { readonly: 1, max_execution_time: MAX_EXECUTION_TIME_SECONDS, query_plan_join_swap_table: 'false' };
  const { sql, params } = printSql(outer, { teamId: ctx.teamId });
  return { sql, params, hogql: printHogQL(ast) };
}
