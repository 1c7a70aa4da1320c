import { randomUUID } from 'node:crypto';
import type { StoredExperimentMetric } from '@warren/shared/experiments-api';
import { validationError } from '../platform/app-error.js';

const KINDS = new Set(['ExperimentMetric', 'ExperimentTrendsQuery', 'ExperimentFunnelsQuery']);
const UNITS = new Set(['second', 'minute', 'hour', 'day', 'week', 'month']);
const ORDERS = new Set(['ordered', 'strict', 'unordered']);
const MAX_METRICS = 50;

type Json = Record<string, unknown>;

/**
 * A list of experiment metrics checked one by one (`attr` names the list and the index, e.g. `metrics__1`), each
 * given a `uuid` when it has none (the results and the ordering lists refer to metrics by it).
 * Example: metricListFrom([{ kind: 'ExperimentMetric', metric_type: 'funnel', series: [{ kind: 'EventsNode', event: 'paid' }] }], 'metrics')[0].uuid is a UUID.
 */
export function metricListFrom(value: unknown, attr: string): StoredExperimentMetric[] {
  if (value === null) return [];
  if (!Array.isArray(value)) throw validationError('Expected a list of metrics.', attr, 'not_a_list');
  if (value.length > MAX_METRICS) throw validationError(`An experiment can have at most ${MAX_METRICS} metrics here.`, attr);
  return value.map((m, i) => metricFrom(m, `${attr}__${i}`));
}

/**
 * One metric: a current `ExperimentMetric` (mean, funnel or ratio, PostHog's fields) or a legacy
 * `ExperimentTrendsQuery` / `ExperimentFunnelsQuery`; unknown extra fields are kept as sent.
 */
export function metricFrom(value: unknown, attr: string): StoredExperimentMetric {
  if (!isObject(value)) throw validationError('A metric must be an object.', attr);
  if (!KINDS.has(value.kind as string)) {
    throw validationError("Metric kind must be 'ExperimentMetric', 'ExperimentTrendsQuery' or 'ExperimentFunnelsQuery'.", attr);
  }
  const uuid = value.uuid === undefined || value.uuid === null || value.uuid === '' ? randomUUID() : value.uuid;
  if (typeof uuid !== 'string' || uuid.length > 200) throw validationError('A metric uuid must be a string.', attr);
  if (value.name !== undefined && value.name !== null && typeof value.name !== 'string') throw validationError('A metric name must be a string.', attr);
  if (value.kind === 'ExperimentTrendsQuery') requireObject(value.count_query, `${attr}__count_query`);
  if (value.kind === 'ExperimentFunnelsQuery') requireObject(value.funnels_query, `${attr}__funnels_query`);
  if (value.kind === 'ExperimentMetric') checkCurrentMetric(value, attr);
  return { ...value, uuid } as StoredExperimentMetric;
}

function checkCurrentMetric(m: Json, attr: string): void {
  if (m.metric_type === 'mean') checkSource(m.source, `${attr}__source`);
  else if (m.metric_type === 'funnel') {
    if (!Array.isArray(m.series) || m.series.length === 0) throw validationError('A funnel metric needs at least one step in series.', `${attr}__series`);
    m.series.forEach((s, i) => checkSource(s, `${attr}__series__${i}`));
    if (m.funnel_order_type !== undefined && m.funnel_order_type !== null && !ORDERS.has(m.funnel_order_type as string)) {
      throw validationError('funnel_order_type must be ordered, strict or unordered.', `${attr}__funnel_order_type`);
    }
  } else if (m.metric_type === 'ratio') {
    checkSource(m.numerator, `${attr}__numerator`);
    checkSource(m.denominator, `${attr}__denominator`);
  } else throw validationError('metric_type must be mean, funnel or ratio.', `${attr}__metric_type`);
  if (m.goal !== undefined && m.goal !== null && m.goal !== 'increase' && m.goal !== 'decrease') throw validationError('goal must be increase or decrease.', `${attr}__goal`);
  const window = m.conversion_window;
  if (window !== undefined && window !== null && (typeof window !== 'number' || !Number.isInteger(window) || window < 1)) {
    throw validationError('conversion_window must be a positive whole number.', `${attr}__conversion_window`);
  }
  if (m.conversion_window_unit !== undefined && m.conversion_window_unit !== null && !UNITS.has(m.conversion_window_unit as string)) {
    throw validationError('conversion_window_unit must be one of second, minute, hour, day, week, month.', `${attr}__conversion_window_unit`);
  }
  const lower = percentile(m.lower_bound_percentile, `${attr}__lower_bound_percentile`);
  const upper = percentile(m.upper_bound_percentile, `${attr}__upper_bound_percentile`);
  if (lower !== null && upper !== null && lower >= upper) throw validationError('lower_bound_percentile must be below upper_bound_percentile.', `${attr}__lower_bound_percentile`);
}

function checkSource(value: unknown, attr: string): void {
  if (!isObject(value)) throw validationError('Expected an EventsNode or ActionsNode.', attr);
  if (value.kind === 'EventsNode') {
    if (value.event !== null && value.event !== undefined && typeof value.event !== 'string') throw validationError('event must be a string or null.', `${attr}__event`);
  } else if (value.kind === 'ActionsNode') {
    if (typeof value.id !== 'number' || !Number.isInteger(value.id)) throw validationError('An ActionsNode needs the action id.', `${attr}__id`);
  } else throw validationError('Expected an EventsNode or ActionsNode.', `${attr}__kind`);
  if (value.math_property !== undefined && value.math_property !== null && typeof value.math_property !== 'string') {
    throw validationError('math_property must be a property name.', `${attr}__math_property`);
  }
}

function percentile(value: unknown, attr: string): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) throw validationError('A percentile bound must be between 0 and 1.', attr);
  return value;
}

function requireObject(value: unknown, attr: string): void {
  if (!isObject(value)) throw validationError('This field is required.', attr, 'required');
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
