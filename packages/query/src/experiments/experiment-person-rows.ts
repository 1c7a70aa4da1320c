import { hAnd, hCall, hCompare, hConstant, hField, hOr, type HExpr, type HSelectQuery } from '../hogql/hogql-ast.js';
import { alias, hx, tuple } from '../insights/funnels/funnel-hogql.js';
import type { InsightContext } from '../insights/insight-context.js';
import { insightFilterConditions } from '../insights/insight-filters.js';
import { seriesCondition } from '../insights/series.js';
import { propertyValue } from '../insights/trends/trends-math.js';
import type { ExperimentSpec } from './experiment-spec.js';

/**
 * Where each field sits in a person's metric event tuples (`evs`): the time in milliseconds first, the session when
 * a source counts sessions, then per source a 0/1 flag (the event matches the source) and, for property maths, the
 * value read from the event. Positions are 1-based, as `tupleElement` takes them.
 */
export interface ElementLayout {
  session: number | null;
  flags: number[];
  values: (number | null)[];
  size: number;
}

/** The tuple layout of a spec's metric events. @example elementLayout(funnelSpec).flags // => [2, 3, 4] */
export function elementLayout(spec: ExperimentSpec): ElementLayout {
  let next = 2;
  const session = spec.sources.some((s) => s.math === 'unique_session') ? next++ : null;
  const flags: number[] = [];
  const values: (number | null)[] = [];
  for (const source of spec.sources) {
    flags.push(next++);
    values.push(readsValue(source.math) ? next++ : null);
  }
  return { session, flags, values, size: next - 1 };
}

function readsValue(math: string): boolean {
  return math === 'sum' || math === 'avg' || math === 'min' || math === 'max';
}

/**
 * One row per person (after merges) who was exposed in the experiment's date range: `exposed_at` (ms of the first
 * exposure), `variant` (of that first exposure), `variant_count` (distinct variants the person was exposed to) and
 * `evs` (their metric events from `lookbackMs` before the start to the end, as sorted tuples). One scan of events,
 * grouped by person: no join between exposures and metric events.
 * @example await personRows(spec, ctx, 0) // SELECT person_id AS pid, minIf(…) AS exposed_at, … GROUP BY person_id HAVING …
 */
export async function personRows(spec: ExperimentSpec, ctx: InsightContext, lookbackMs: number): Promise<HSelectQuery> {
  const exposed = await exposureCondition(spec, ctx);
  // Read from exposures only: aggregate arguments are computed for every row, and JSON is the costly part.
  const variant = hCall('if', exposed, variantExpr(spec), hConstant(''));
  const sources = await Promise.all(spec.sources.map(async (s) => (await seriesCondition(s.node, ctx)) ?? hConstant(true)));
  const layout = elementLayout(spec);
  const millis = await hx`toUnixTimestamp64Milli(timestamp)`;
  const parts: HExpr[] = [millis];
  if (layout.session !== null) parts.push(await hx`toString($session_id)`);
  spec.sources.forEach((source, k) => {
    parts.push(hCall('toUInt8', hCall('if', sources[k], hConstant(1), hConstant(0))));
    if (layout.values[k] !== null) parts.push(propertyValue(source.node));
  });
  const scanFrom = new Date(spec.from.getTime() - lookbackMs);
  const filters = await insightFilterConditions({ filterTestAccounts: spec.filterTestAccounts }, ctx);
  const where = [
    hCompare('>=', hField('timestamp'), hConstant(scanFrom)),
    hCompare('<=', hField('timestamp'), hConstant(spec.to)),
    ...filters,
    ...eventNamesCondition(spec),
    hOr([exposed, ...sources]),
  ];
  return {
    node: 'SelectQuery',
    select: [
      alias(hField('person_id'), 'pid'),
      alias(hCall('minIf', millis, exposed), 'exposed_at'),
      alias(hCall('argMinIf', variant, hField('timestamp'), exposed), 'variant'),
      alias(hCall('uniqExactIf', variant, exposed), 'variant_count'),
      alias(await hx`arraySort(groupArrayIf(${tuple(parts)}, ${hOr(sources)}))`, 'evs'),
    ],
    select_from: { node: 'JoinExpr', table: hField('events') },
    where: hAnd(where),
    group_by: [hField('person_id')],
    having: hCompare('>', hCall('countIf', exposed), hConstant(0)),
  };
}

/**
 * An exposure: PostHog's `$feature_flag_called` for the flag answering one of the experiment's variants (or the
 * holdout), or the custom exposure event carrying such a `$feature/<flag>` value; at or after the start.
 */
async function exposureCondition(spec: ExperimentSpec, ctx: InsightContext): Promise<HExpr> {
  const parts: HExpr[] = [hCompare('>=', hField('timestamp'), hConstant(spec.from))];
  if (spec.exposure.kind === 'flag_called') {
    parts.push(hCompare('==', hField('event'), hConstant('$feature_flag_called')));
    parts.push(hCompare('==', jsonString('$feature_flag'), hConstant(spec.experiment.flagKey)));
  } else {
    const condition = await seriesCondition(spec.exposure.node, ctx);
    if (condition) parts.push(condition);
  }
  parts.push(hCompare('in', variantExpr(spec), { node: 'Tuple', exprs: spec.variantKeys.map((key) => hConstant(key)) }));
  return hAnd(parts);
}

/**
 * `event IN (…)` when the exposure and every source name their event: a plain condition on the sorting key's
 * `event` column lets ClickHouse skip other events' granules and never read their properties.
 */
function eventNamesCondition(spec: ExperimentSpec): HExpr[] {
  const exposure = spec.exposure.kind === 'flag_called' ? '$feature_flag_called' : spec.exposure.node.kind === 'EventsNode' ? spec.exposure.node.event : null;
  const names = [exposure, ...spec.sources.map((s) => (s.node.kind === 'EventsNode' ? s.node.event : null))];
  if (names.some((name) => typeof name !== 'string')) return [];
  return [hCompare('in', hField('event'), { node: 'Tuple', exprs: [...new Set(names as string[])].map((name) => hConstant(name)) })];
}

function variantExpr(spec: ExperimentSpec): HExpr {
  const key = spec.exposure.kind === 'flag_called' ? '$feature_flag_response' : `$feature/${spec.experiment.flagKey}`;
  return jsonString(key);
}

/**
 * A top-level string property read straight from the JSON (`JSONExtractString`): the flag key and variant are always
 * strings, and this is several times cheaper than the general property access on a million exposures.
 */
function jsonString(key: string): HExpr {
  return hCall('JSONExtractString', hField('properties'), hConstant(key));
}
