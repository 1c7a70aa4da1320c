import type { PropertyFilter } from '../../components/property-filter-model';

/** One series of a trends, stickiness or lifecycle query: events of one name (null: all events) or one action. */
export type SeriesNode = {
  kind: 'EventsNode' | 'ActionsNode';
  /** EventsNode: the event name, null for all events. */
  event?: string | null;
  /** ActionsNode: the action id. */
  id?: number;
  name?: string | null;
  /** The label the chart shows instead of the event or action name. */
  custom_name?: string | null;
  math?: string;
  math_property?: string | null;
  properties?: PropertyFilter[];
};

export type Interval = 'hour' | 'day' | 'week' | 'month';
export const INTERVALS: readonly { value: Interval; label: string }[] = [
  { value: 'hour', label: 'Hour' },
  { value: 'day', label: 'Day' },
  { value: 'week', label: 'Week' },
  { value: 'month', label: 'Month' },
];

/** What a trends series counts; the second group aggregates a numeric event property. */
export const MATH_OPTIONS: readonly { value: string; label: string }[] = [
  { value: 'total', label: 'Total count' },
  { value: 'dau', label: 'Unique users' },
  { value: 'weekly_active', label: 'Weekly active users' },
  { value: 'monthly_active', label: 'Monthly active users' },
  { value: 'unique_session', label: 'Unique sessions' },
  { value: 'sum', label: 'Sum of a property' },
  { value: 'avg', label: 'Average of a property' },
  { value: 'min', label: 'Minimum of a property' },
  { value: 'max', label: 'Maximum of a property' },
  { value: 'median', label: 'Median of a property' },
  { value: 'p90', label: '90th percentile of a property' },
  { value: 'p95', label: '95th percentile of a property' },
  { value: 'p99', label: '99th percentile of a property' },
];

const PROPERTY_MATHS = new Set(['sum', 'avg', 'min', 'max', 'median', 'p90', 'p95', 'p99']);

/** True when the math aggregates `math_property`. Example: isPropertyMath('p95') === true */
export function isPropertyMath(math: string | undefined): boolean {
  return math !== undefined && PROPERTY_MATHS.has(math);
}

/** A, B, …, Z, then AA: how formulas name series. Example: seriesLetter(1) === 'B' */
export function seriesLetter(index: number): string {
  return index < 26 ? String.fromCharCode(65 + index) : seriesLetter(Math.floor(index / 26) - 1) + seriesLetter(index % 26);
}

/** A series of one event (null: all events). Example: eventSeries('$pageview').event === '$pageview' */
export function eventSeries(event: string | null, math?: string): SeriesNode {
  return { kind: 'EventsNode', event, name: event ?? 'All events', ...(math ? { math } : {}) };
}

/** A series of one action. */
export function actionSeries(action: { id: number; name: string | null }, math?: string): SeriesNode {
  return { kind: 'ActionsNode', id: action.id, name: action.name ?? `Action ${action.id}`, ...(math ? { math } : {}) };
}

/** What the series is called in the editor and legends: its custom name, else its event or action. */
export function seriesTitle(node: SeriesNode): string {
  if (node.custom_name) return node.custom_name;
  if (node.kind === 'ActionsNode') return node.name ?? `Action ${node.id}`;
  return node.event ?? 'All events';
}

/**
 * The series with another math; a property math keeps its property, any other math drops it (the server refuses a
 * stray `math_property` on some maths and it would be a surprise when switching back).
 * Example: withMath({ kind: 'EventsNode', event: 'buy', math: 'sum', math_property: 'price' }, 'dau').math_property === undefined
 */
export function withMath(node: SeriesNode, math: string): SeriesNode {
  const { math_property, ...rest } = node;
  return isPropertyMath(math) ? { ...rest, math, math_property: math_property ?? null } : { ...rest, math };
}

/** The series as sent: property filters still being typed (no key yet) left out, empty names and maths dropped. */
export function cleanSeries(node: SeriesNode): SeriesNode {
  const out: SeriesNode = { ...node };
  if (out.properties) {
    const filters = out.properties.filter((f) => f.key.trim() !== '');
    if (filters.length > 0) out.properties = filters;
    else delete out.properties;
  }
  if (!out.custom_name) delete out.custom_name;
  if (!isPropertyMath(out.math)) delete out.math_property;
  return out;
}

/** Why a series cannot run yet, or null. Example: seriesProblem({ kind: 'EventsNode', event: 'x', math: 'sum' }, 0) -> 'Series A: pick the property to sum' */
export function seriesProblem(node: SeriesNode, index: number): string | null {
  const name = `Series ${seriesLetter(index)}`;
  if (node.kind === 'ActionsNode' && !Number.isInteger(node.id)) return `${name}: pick an action`;
  if (isPropertyMath(node.math) && !node.math_property) {
    const label = MATH_OPTIONS.find((m) => m.value === node.math)?.label.replace(' of a property', '').toLowerCase() ?? node.math;
    return `${name}: pick the property to take the ${label} of`;
  }
  return null;
}

/** The first problem of a list of series, or null; an empty list is one. */
export function seriesListProblem(series: readonly SeriesNode[] | undefined): string | null {
  if (!series || series.length === 0) return 'Add a series to see a result';
  for (const [i, node] of series.entries()) {
    const problem = seriesProblem(node, i);
    if (problem) return problem;
  }
  return null;
}

/** Series as stickiness and lifecycle take them: no maths (they count persons), properties and names kept. */
export function withoutMath(node: SeriesNode): SeriesNode {
  const { math: _math, math_property: _property, ...rest } = node;
  return rest;
}
