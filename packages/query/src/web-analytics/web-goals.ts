import { hAnd, hCall, hCompare, hConstant, hField, hOr, type HAlias, type HExpr } from '../hogql/hogql-ast.js';
import { HogQLError } from '../hogql/hogql-error.js';
import { resolvedDateRangeJson } from '../insights/date-range.js';
import { optionalInteger } from '../insights/field-checks.js';
import { templateSelect } from '../insights/hogql-template.js';
import type { ActionDefinition, InsightContext } from '../insights/insight-context.js';
import { compileInsightStatement, type InsightPlan, type StatementResult } from '../insights/insight-statement.js';
import { seriesCondition } from '../insights/series.js';
import { readOrderBy } from './web-stats-settings.js';
import { numberOrNull, type MetricCell } from './web-stats-shape.js';
import { bothPeriodsEvents, inPeriod, readWebQuery, sessionWindowOfBoth, VIEW_EVENT, type WebQueryBase, type WebSpec } from './web-spec.js';

/** PostHog's WebGoalsQuery: the project's actions as goals. */
export interface WebGoalsQuery extends WebQueryBase {
  kind: 'WebGoalsQuery';
  /** How many actions; 5 by default, as PostHog shows. */
  limit?: number | null;
  orderBy?: readonly unknown[] | null;
}

/** A goal row: the action's name, converting persons, conversions, and converting persons per visitor (0–1). */
export type WebGoalRow = [name: string, convertingUsers: MetricCell, totalConversions: MetricCell, conversionRate: MetricCell];

export const WEB_GOALS_COLUMNS = [
  'context.columns.action_name',
  'context.columns.converting_users',
  'context.columns.total_conversions',
  'context.columns.conversion_rate',
];

const DEFAULT_GOALS = 5;
const MAX_GOALS = 100;

// Per session: its person and start, whether it counts for each period (a view or conversion inside the period),
// and per action its conversions in each period. The action columns are appended in code, one set per action.
const SESSIONS = `
SELECT
  uniqIf(person_id, {cur}) AS visitors,
  uniqIf(person_id, {prev}) AS previous_visitors
FROM (
  SELECT
    any(session.person_id) AS person_id,
    countIf({counted_cur}) AS n_cur,
    countIf({counted_prev}) AS n_prev,
    any(session.$start_timestamp) AS start
  FROM events
  WHERE {where}
  GROUP BY $session_id
)`;

/**
 * Compiles a WebGoalsQuery: for the project's first actions (by id, `limit` of them), the persons who converted,
 * the conversions and the conversion rate among the visitors of the sessions begun in the range, and with compare
 * in the period before, in one statement. A project without actions answers no rows.
 * @example await planWebGoals({ kind: 'WebGoalsQuery', dateRange: { date_from: '-7d' }, properties: [] }, ctx)
 */
export async function planWebGoals(query: WebGoalsQuery, ctx: InsightContext): Promise<InsightPlan<WebGoalRow[]>> {
  const spec = await readWebQuery(query, ctx);
  const limit = optionalInteger(query.limit, 'limit', 1, MAX_GOALS) ?? DEFAULT_GOALS;
  const order = goalsOrder(query.orderBy);
  const actions = [...ctx.actions.values()].sort((a, b) => a.id - b.id).slice(0, limit);
  const extra = { columns: WEB_GOALS_COLUMNS, samplingRate: { numerator: 1 }, resolved_date_range: resolvedDateRangeJson(spec.current) };
  if (actions.length === 0) return { statements: [], shape: () => [], extra };
  const conditions: HExpr[] = [];
  for (const action of actions) conditions.push(await actionCondition(action, ctx));
  const statement = compileInsightStatement(await goalsQuery(spec, conditions), ctx, sessionWindowOfBoth(spec));
  return {
    statements: [statement],
    shape: (results) => sortGoals(shapeGoals(results[0], actions, spec.previous !== null), order),
    extra,
  };
}

async function actionCondition(action: ActionDefinition, ctx: InsightContext): Promise<HExpr> {
  return (await seriesCondition({ kind: 'ActionsNode', id: action.id }, ctx)) ?? hConstant(true);
}

async function goalsQuery(spec: WebSpec, actions: readonly HExpr[]) {
  const flag = (range: WebSpec['previous'], n: string) => (range ? hAnd([inPeriod(range, hField('start')), hCompare('>', hField(n), hConstant(0))]) : hConstant(false));
  const cur = flag(spec.current, 'n_cur');
  const prev = flag(spec.previous, 'n_prev');
  const query = await templateSelect(SESSIONS, {
    cur,
    prev,
    counted_cur: inPeriod(spec.current),
    counted_prev: inPeriod(spec.previous),
    where: bothPeriodsEvents(spec, hOr([VIEW_EVENT, ...actions])),
  });
  const inner = query.node === 'SelectQuery' ? query.select_from?.table : undefined;
  if (query.node !== 'SelectQuery' || inner?.node !== 'SelectQuery') throw new HogQLError('unsupported', 'Goals compile to one SELECT');
  actions.forEach((condition, i) => {
    inner.select.push(
      alias(`cur_${i}`, hCall('countIf', hAnd([condition, inPeriod(spec.current)]))),
      alias(`prev_${i}`, spec.previous ? hCall('countIf', hAnd([condition, inPeriod(spec.previous)])) : hConstant(0)),
    );
    query.select.push(
      alias(`total_${i}`, hCall('sumIf', hField(`cur_${i}`), cur)),
      alias(`previous_total_${i}`, hCall('sumIf', hField(`prev_${i}`), prev)),
      alias(`uniques_${i}`, hCall('uniqIf', hField('person_id'), hAnd([cur, hCompare('>', hField(`cur_${i}`), hConstant(0))]))),
      alias(`previous_uniques_${i}`, hCall('uniqIf', hField('person_id'), hAnd([prev, hCompare('>', hField(`prev_${i}`), hConstant(0))]))),
    );
  });
  return query;
}

function alias(name: string, expr: HExpr): HAlias {
  return { node: 'Alias', alias: name, expr };
}

/** The one row of the goals statement to a row per action; rates are null where there were no visitors. */
export function shapeGoals(result: StatementResult | undefined, actions: readonly Pick<ActionDefinition, 'name'>[], compared: boolean): WebGoalRow[] {
  const row = result?.rows[0] ?? [];
  const index = new Map(result?.columns.map((c, i) => [c.name, i]) ?? []);
  const value = (name: string) => numberOrNull(row[index.get(name) ?? -1]) ?? 0;
  const rate = (uniques: number, visitors: number) => (visitors > 0 ? uniques / visitors : null);
  return actions.map((action, i): WebGoalRow => {
    const [uniques, total] = [value(`uniques_${i}`), value(`total_${i}`)];
    const [previousUniques, previousTotal] = [value(`previous_uniques_${i}`), value(`previous_total_${i}`)];
    return [
      action.name,
      [uniques, compared ? previousUniques : null],
      [total, compared ? previousTotal : null],
      [rate(uniques, value('visitors')), compared ? rate(previousUniques, value('previous_visitors')) : null],
    ];
  });
}

type GoalsOrder = { column: 1 | 2 | 3; descending: boolean } | null;

const GOAL_COLUMNS: Readonly<Record<string, 1 | 2 | 3>> = { ConvertingUsers: 1, UniqueConversions: 1, TotalConversions: 2, ConversionRate: 3 };

function goalsOrder(orderBy: unknown): GoalsOrder {
  const asked = readOrderBy(orderBy);
  if (!asked || !Object.hasOwn(GOAL_COLUMNS, asked.field)) return null;
  return { column: GOAL_COLUMNS[asked.field], descending: asked.direction === 'DESC' };
}

/** Rows by the asked column's current value (ties keep the actions' order); unsorted without an order. */
export function sortGoals(rows: WebGoalRow[], order: GoalsOrder): WebGoalRow[] {
  if (!order) return rows;
  const key = (row: WebGoalRow) => (row[order.column] as MetricCell)[0] ?? Number.NEGATIVE_INFINITY;
  const ascending = (a: WebGoalRow, b: WebGoalRow) => (key(a) === key(b) ? 0 : key(a) < key(b) ? -1 : 1);
  return [...rows].sort((a, b) => (order.descending ? ascending(b, a) : ascending(a, b)));
}
