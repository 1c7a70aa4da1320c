import { hConstant, type HExpr, type HSelectQuery } from '../../hogql/hogql-ast.js';
import { HogQLError } from '../../hogql/hogql-error.js';
import { parseRelativeDate } from '../../hogql/relative-date.js';
import type { ActorsPoint } from '../actors.js';
import { BREAKDOWN_OTHER } from '../breakdown.js';
import { alignDown, bucketKey } from '../date-range.js';
import type { InsightContext } from '../insight-context.js';
import { alias, array, hx, ref, select } from './funnel-hogql.js';
import type { FunnelLayout } from './funnel-layout.js';
import { conversionRows } from './funnel-rows.js';
import { rankedGroups } from './funnel-steps.js';
import type { FunnelSpec } from './funnels-spec.js';

/**
 * The actors behind a point of a funnel, as a SELECT with column `actor_id` (the person, group key or HogQL value
 * counted): for steps and time to convert, those who reached `funnelStep` (1-based), or for `-n` who reached step
 * n-1 but not step n, optionally of one breakdown value (`funnelStepBreakdown`; Other = the values outside the top
 * `breakdown_limit`); for trends, those who entered in `funnelTrendsEntrancePeriodStart` and converted, or with
 * `funnelTrendsDropOff` did not.
 * @example await funnelActorsSelection(spec, layout, { funnelStep: 2 }, ctx) // SELECT DISTINCT aggregation_target AS actor_id …
 */
export async function funnelActorsSelection(spec: FunnelSpec, layout: FunnelLayout, point: ActorsPoint, ctx: InsightContext): Promise<HSelectQuery> {
  if (spec.viz === 'trends') return trendsActors(spec, layout, point, ctx);
  const step = point.funnelStep;
  const steps = layout.steps;
  if (typeof step !== 'number' || !Number.isInteger(step) || step === 0 || step === -1 || Math.abs(step) > steps) {
    throw new HogQLError('unsupported', `funnelStep must be 1 to ${steps}, or -2 to -${steps} for those who dropped off before that step`);
  }
  const rows = await conversionRows(spec, layout, ctx);
  const conditions: HExpr[] = [await hx`counted = 1`];
  if (step > 0) conditions.push(await hx`reached[${step}] = 1`);
  else conditions.push(await hx`if(reached[${-step - 1}] = 1, reached[${-step}] = 0, toUInt8(0))`);
  const value = breakdownPoint(spec, point);
  if (value) conditions.push(await valueCondition(spec, layout, rows, value));
  const actors = select({ select: [alias(ref('aggregation_target'), 'actor_id')], from: rows, where: and(conditions) });
  actors.distinct = true;
  return actors;
}

async function trendsActors(spec: FunnelSpec, layout: FunnelLayout, point: ActorsPoint, ctx: InsightContext): Promise<HSelectQuery> {
  if (typeof point.funnelTrendsEntrancePeriodStart !== 'string') {
    throw new HogQLError('unsupported', 'funnelTrendsEntrancePeriodStart is needed for the actors of a funnel trends point');
  }
  const start = parseRelativeDate(point.funnelTrendsEntrancePeriodStart, { now: ctx.now, timezone: ctx.timezone });
  const bucket = bucketKey(alignDown(start, spec.interval, ctx), ctx.timezone);
  const rows = await conversionRows(spec, layout, ctx);
  const reached = (step: number) => hx`reached[${step + 1}] = 1`;
  const conditions: HExpr[] = [await hx`counted = 1`, await hx`bucket_value = ${bucket}`];
  if (point.funnelTrendsDropOff) conditions.push(await reached(spec.fromStep), { node: 'Not', expr: await reached(spec.toStep) });
  else conditions.push(await reached(spec.toStep));
  const value = breakdownPoint(spec, point);
  if (value) conditions.push(await hx`bd_value = ${array(value.map((v) => hConstant(v)))}`);
  const actors = select({ select: [alias(ref('aggregation_target'), 'actor_id')], from: rows, where: and(conditions) });
  actors.distinct = true;
  return actors;
}

/** The breakdown value a point names, as the Array(String) the funnel groups by; undefined for all values. */
function breakdownPoint(spec: FunnelSpec, point: ActorsPoint): string[] | undefined {
  const value = point.funnelStepBreakdown ?? point.breakdown;
  if (spec.breakdowns.length === 0 || value === undefined || value === null) return undefined;
  const parts = Array.isArray(value) ? value : [value];
  if (!parts.every((part) => ['string', 'number', 'boolean'].includes(typeof part))) {
    throw new HogQLError('unsupported', 'funnelStepBreakdown must be a value or a list of values');
  }
  return parts.map(String);
}

/** One value, or for Other every value outside the top `breakdown_limit` (ranked as the steps chart ranks them). */
async function valueCondition(spec: FunnelSpec, layout: FunnelLayout, rows: HSelectQuery, value: string[]): Promise<HExpr> {
  if (!value.includes(BREAKDOWN_OTHER)) return hx`bd_value = ${array(value.map((v) => hConstant(v)))}`;
  const top = select({
    select: [await hx`arrayMap(g -> tupleElement(g, 2), arraySlice(groups, 1, ${spec.breakdownLimit}))`],
    from: await rankedGroups(layout, rows),
  });
  return hx`NOT has(${top}, bd_value)`;
}

function and(conditions: HExpr[]): HExpr {
  return conditions.length === 1 ? conditions[0] : { node: 'And', exprs: conditions };
}
