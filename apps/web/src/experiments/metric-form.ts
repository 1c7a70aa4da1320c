import type { ExperimentEventsNode, ExperimentMetric, ExperimentMetricGoal, ExperimentMetricSource, ExperimentMetricType, StoredExperimentMetric } from '@warren/shared/experiments-api';

/** What a mean metric (or one side of a ratio) adds up per person: events, a property's sum, or its average. */
export type MetricMath = 'total' | 'sum' | 'avg';

export const MATH_LABELS: Record<MetricMath, string> = { total: 'Count of events', sum: 'Sum of a property', avg: 'Average of a property' };
export const TYPE_LABELS: Record<ExperimentMetricType, string> = { funnel: 'Funnel (conversion)', mean: 'Mean (per person)', ratio: 'Ratio' };

/** One event series being edited: the event and how it is added up. */
export interface SourceForm {
  event: string;
  math: MetricMath;
  /** The numeric property summed or averaged ('' for a count). */
  property: string;
}

/** One metric being edited; `metricFromForm` turns it into PostHog's `ExperimentMetric`. */
export interface MetricForm {
  uid: string;
  /** The stored metric's uuid, kept so results and ordering stay attached to it. */
  uuid: string | null;
  name: string;
  type: ExperimentMetricType;
  goal: ExperimentMetricGoal;
  /** Funnel steps after the exposure, in order. */
  steps: string[];
  /** The mean metric's source. */
  source: SourceForm;
  /** Outlier capping of per-person values, as percentiles (0–100); null = not capped on that side. */
  lowerPercentile: number | null;
  upperPercentile: number | null;
  numerator: SourceForm;
  denominator: SourceForm;
  /** Only events this many days after exposure count; null = until the experiment ends. */
  conversionWindowDays: number | null;
}

let nextUid = 0;
/** A key for list items that stays the same while the item moves. */
export function uid(): string {
  nextUid += 1;
  return `m${nextUid}`;
}

const emptySource = (): SourceForm => ({ event: '', math: 'total', property: '' });

/** A new metric of a type: a one-step funnel by default, with no capping and no conversion window. */
export function emptyMetric(type: ExperimentMetricType = 'funnel'): MetricForm {
  return {
    uid: uid(),
    uuid: null,
    name: '',
    type,
    goal: 'increase',
    steps: [''],
    source: emptySource(),
    lowerPercentile: null,
    upperPercentile: null,
    numerator: emptySource(),
    denominator: emptySource(),
    conversionWindowDays: null,
  };
}

function sourceNode({ event, math, property }: SourceForm): ExperimentEventsNode {
  const node: ExperimentEventsNode = { kind: 'EventsNode', event: event.trim(), name: event.trim(), math };
  if (math !== 'total') node.math_property = property.trim();
  return node;
}

function sourceForm(node: ExperimentMetricSource | undefined): SourceForm {
  if (!node || node.kind !== 'EventsNode') return emptySource();
  const math = node.math === 'sum' || node.math === 'avg' ? node.math : 'total';
  return { event: node.event ?? '', math, property: math === 'total' ? '' : (node.math_property ?? '') };
}

/** A percentile as a fraction (99 → 0.99), as PostHog stores the capping bounds. */
const fraction = (percent: number | null) => (percent === null ? null : Math.round(percent * 100) / 10_000);
const percent = (value: number | null | undefined) => (value === null || value === undefined ? null : Math.round(value * 10_000) / 100);

/**
 * The stored metric for a form (the server fills in a uuid when it has none).
 * Example: metricFromForm({ ...emptyMetric('funnel'), steps: ['purchase'] }).series → [{ kind: 'EventsNode', event: 'purchase', … }]
 */
export function metricFromForm(form: MetricForm): ExperimentMetric {
  const common = {
    kind: 'ExperimentMetric' as const,
    ...(form.uuid ? { uuid: form.uuid } : {}),
    ...(form.name.trim() ? { name: form.name.trim() } : {}),
    goal: form.goal,
    conversion_window: form.conversionWindowDays,
    conversion_window_unit: form.conversionWindowDays === null ? null : ('day' as const),
  };
  if (form.type === 'funnel') {
    const series = form.steps.map((event): ExperimentEventsNode => ({ kind: 'EventsNode', event: event.trim(), name: event.trim() }));
    return { ...common, metric_type: 'funnel', series, funnel_order_type: 'ordered' };
  }
  if (form.type === 'mean') {
    return { ...common, metric_type: 'mean', source: sourceNode(form.source), lower_bound_percentile: fraction(form.lowerPercentile), upper_bound_percentile: fraction(form.upperPercentile) };
  }
  return { ...common, metric_type: 'ratio', numerator: sourceNode(form.numerator), denominator: sourceNode(form.denominator) };
}

/** The form for a stored metric; null for the legacy trends/funnels kinds, which the editor shows but cannot edit. */
export function formFromMetric(metric: StoredExperimentMetric): MetricForm | null {
  if (metric.kind !== 'ExperimentMetric') return null;
  const form: MetricForm = { ...emptyMetric(metric.metric_type), uuid: metric.uuid ?? null, name: metric.name ?? '', goal: metric.goal ?? 'increase' };
  form.conversionWindowDays = metric.conversion_window == null ? null : toDays(metric.conversion_window, metric.conversion_window_unit ?? 'day');
  if (metric.metric_type === 'funnel') form.steps = metric.series.map((s) => (s.kind === 'EventsNode' ? (s.event ?? '') : ''));
  if (metric.metric_type === 'mean') {
    form.source = sourceForm(metric.source);
    form.lowerPercentile = percent(metric.lower_bound_percentile);
    form.upperPercentile = percent(metric.upper_bound_percentile);
  }
  if (metric.metric_type === 'ratio') {
    form.numerator = sourceForm(metric.numerator);
    form.denominator = sourceForm(metric.denominator);
  }
  return form;
}

const UNIT_DAYS: Record<string, number> = { second: 1 / 86_400, minute: 1 / 1440, hour: 1 / 24, day: 1, week: 7, month: 30 };
function toDays(value: number, unit: string): number {
  return Math.max(1, Math.round(value * (UNIT_DAYS[unit] ?? 1)));
}

function sourceErrors(prefix: string, source: SourceForm, what: string): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!source.event.trim()) errors[`${prefix}event`] = `Pick the event ${what} counts.`;
  if (source.math !== 'total' && !source.property.trim()) errors[`${prefix}property`] = 'Pick the numeric property to add up.';
  return errors;
}

/**
 * What is wrong with a metric, keyed by field (`steps.0`, `source.event`, `upperPercentile`, …); empty when it is fine.
 * Example: metricErrors({ ...emptyMetric('funnel') }) → { 'steps.0': 'Pick the event of step 1.' }
 */
export function metricErrors(form: MetricForm): Record<string, string> {
  const errors: Record<string, string> = {};
  if (form.type === 'funnel') {
    if (form.steps.length === 0) errors.steps = 'A funnel needs at least one step after the exposure.';
    form.steps.forEach((step, i) => {
      if (!step.trim()) errors[`steps.${i}`] = `Pick the event of step ${i + 1}.`;
    });
  } else if (form.type === 'mean') {
    Object.assign(errors, sourceErrors('source.', form.source, 'the metric'));
    const { lowerPercentile: lo, upperPercentile: hi } = form;
    if (lo !== null && !(lo >= 0 && lo < 100)) errors.lowerPercentile = 'A percentile from 0 to 100.';
    if (hi !== null && !(hi > 0 && hi <= 100)) errors.upperPercentile = 'A percentile from 0 to 100.';
    if (lo !== null && hi !== null && !errors.lowerPercentile && !errors.upperPercentile && lo >= hi) errors.upperPercentile = 'The upper cap must be above the lower one.';
  } else {
    Object.assign(errors, sourceErrors('numerator.', form.numerator, 'the numerator'), sourceErrors('denominator.', form.denominator, 'the denominator'));
  }
  const days = form.conversionWindowDays;
  if (days !== null && !(Number.isInteger(days) && days >= 1 && days <= 365)) errors.conversionWindowDays = 'A whole number of days from 1 to 365, or empty for no window.';
  return errors;
}

function sourceWords(node: ExperimentMetricSource): string {
  const name = node.kind === 'EventsNode' ? (node.event ?? 'any event') : (node.name ?? `action ${node.id}`);
  if (node.math === 'sum') return `sum of ${node.math_property} on ${name}`;
  if (node.math === 'avg') return `average ${node.math_property} on ${name}`;
  return `count of ${name}`;
}

/**
 * A metric in a few plain words, for titles and lists.
 * Example: metricSummary({ kind: 'ExperimentMetric', metric_type: 'funnel', series: [{ kind: 'EventsNode', event: 'purchase' }] }) → 'Conversion to purchase'
 */
export function metricSummary(metric: StoredExperimentMetric): string {
  if (metric.kind !== 'ExperimentMetric') return metric.kind === 'ExperimentFunnelsQuery' ? 'Funnel (legacy)' : 'Trend count (legacy)';
  if (metric.metric_type === 'funnel') {
    const steps = metric.series.map((s) => (s.kind === 'EventsNode' ? (s.event ?? 'any event') : (s.name ?? `action ${s.id}`)));
    return `Conversion to ${steps.join(' → ')}`;
  }
  if (metric.metric_type === 'mean') {
    const words = sourceWords(metric.source);
    return `${words.charAt(0).toUpperCase()}${words.slice(1)} per person`;
  }
  const ratio = `${sourceWords(metric.numerator)} per ${sourceWords(metric.denominator)}`;
  return `${ratio.charAt(0).toUpperCase()}${ratio.slice(1)}`;
}

/** The metric's own name, or its summary when it has none. */
export function metricTitle(metric: StoredExperimentMetric): string {
  return metric.name?.trim() || metricSummary(metric);
}
