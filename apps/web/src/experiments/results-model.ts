import type { ExperimentMetric, ExperimentMetricGoal, ExperimentMetricType } from '@warren/shared/experiments-api';
import type { ExperimentQueryResponseApi, ExperimentSrmApi, ExperimentStatsBaseApi, ExperimentVariantResultApi } from '@warren/shared/experiment-results-api';

/** One variant's line of the results table, every figure already in words and numbers to show. */
export interface VariantRow {
  key: string;
  isControl: boolean;
  exposures: number;
  /** The metric per exposed person: a conversion rate, a mean, or a ratio. */
  value: number | null;
  /** E.g. "12.4%" with "124 of 1,000" as detail, or "4.52". */
  valueText: string;
  valueDetail: string | null;
  /** Relative difference vs control (0.1 = +10 %), null for control or when it cannot be computed. */
  delta: number | null;
  interval: [number, number] | null;
  intervalText: string;
  /** "Chance to win" (Bayesian) or "p-value" (frequentist) figure, formatted. */
  evidenceText: string;
  significant: boolean;
  /** Plain words: what this variant's figures say. */
  verdict: string;
  /** The always-valid (sequential) reading in words, safe to act on however often the page is opened; null without one. */
  peekingText: string | null;
  /** The variant beat control on the metric's goal, significantly. */
  winning: boolean;
}

const count = new Intl.NumberFormat('en-US');

/** A share as a percentage with sensible precision. Example: percentText(0.1234) → '12.34%' */
export function percentText(value: number, digits = 2): string {
  return `${(value * 100).toFixed(digits).replace(/\.?0+$/, '')}%`;
}

/**
 * A chance as people read it: never a flat 100 % or 0 % (the model is never certain), with words or symbols.
 * Example: chanceText(0.99995) → '> 99.9%'; chanceText(0.99995, true) → 'more than 99.9%'
 */
export function chanceText(chance: number, words = false): string {
  if (chance >= 0.999) return words ? 'more than 99.9%' : '> 99.9%';
  if (chance <= 0.001) return words ? 'less than 0.1%' : '< 0.1%';
  return percentText(chance, 1);
}

/** A relative change with its sign. Example: signedPercent(0.031) → '+3.1%' */
export function signedPercent(value: number): string {
  const text = `${(Math.abs(value) * 100).toFixed(1)}%`;
  if (Math.abs(value) < 0.0005) return text;
  return value > 0 ? `+${text}` : `−${text}`;
}

/** The metric per exposed person: conversion rate, mean, or numerator over denominator. */
export function variantValue(stats: ExperimentStatsBaseApi, metricType: ExperimentMetricType): number | null {
  if (metricType === 'ratio') return stats.denominator_sum ? stats.sum / stats.denominator_sum : null;
  return stats.number_of_samples > 0 ? stats.sum / stats.number_of_samples : null;
}

function valueTexts(stats: ExperimentStatsBaseApi, metricType: ExperimentMetricType, value: number | null): { valueText: string; valueDetail: string | null } {
  if (value === null) return { valueText: '—', valueDetail: null };
  if (metricType === 'funnel') return { valueText: percentText(value), valueDetail: `${count.format(stats.sum)} of ${count.format(stats.number_of_samples)} converted` };
  const detail = metricType === 'ratio' ? `${formatNumber(stats.sum)} / ${formatNumber(stats.denominator_sum ?? 0)}` : `total ${formatNumber(stats.sum)}`;
  return { valueText: formatNumber(value), valueDetail: detail };
}

/** A figure with about three significant digits. Example: formatNumber(1234.567) → '1,234.57'; formatNumber(0.012345) → '0.0123' */
export function formatNumber(value: number): string {
  const options: Intl.NumberFormatOptions = Math.abs(value) < 1 ? { maximumSignificantDigits: 3 } : { maximumFractionDigits: 2 };
  return new Intl.NumberFormat('en-US', options).format(value);
}

const FAILURE_WORDS: Record<string, string> = {
  'not-enough-exposures': 'Not enough exposures yet to judge (at least 50 per variant).',
  'baseline-mean-is-zero': 'Control has no conversions or value yet, so there is nothing to compare with.',
  'not-enough-metric-data': 'Too few conversions yet to judge (at least 5 per variant).',
};

/** What a variant's figures say, in a sentence a newcomer can act on. */
function verdictOf(result: ExperimentVariantResultApi, delta: number | null, goal: ExperimentMetricGoal): { verdict: string; winning: boolean } {
  const failures = result.validation_failures ?? [];
  if (failures.length > 0) return { verdict: failures.map((f) => FAILURE_WORDS[f] ?? f).join(' '), winning: false };
  const better = delta === null ? null : goal === 'increase' ? delta > 0 : delta < 0;
  if (result.method === 'bayesian') {
    const chance = result.chance_to_win;
    if (chance === null) return { verdict: 'No figures yet.', winning: false };
    if (result.significant && chance >= 0.5) return { verdict: `${result.key} is better than control: a ${chanceText(chance, true)} chance to win.`, winning: true };
    if (result.significant) return { verdict: `${result.key} is worse than control: a ${chanceText(1 - chance, true)} chance that control is better.`, winning: false };
    return { verdict: `Not significant: a ${chanceText(chance, true)} chance to beat control is not yet decisive. Keep it running or accept that the difference is small.`, winning: false };
  }
  const p = result.p_value;
  if (p === null) return { verdict: 'No figures yet.', winning: false };
  if (result.significant && better) return { verdict: `${result.key} is significantly better than control (${pValuePhrase(p)}).`, winning: true };
  if (result.significant) return { verdict: `${result.key} is significantly worse than control (${pValuePhrase(p)}).`, winning: false };
  return { verdict: `Not significant (${pValuePhrase(p)}): a difference this size could well be chance.`, winning: false };
}

/** A p-value as people read it. Example: pValueText(0.00001) → '< 0.001' */
export function pValueText(p: number): string {
  if (p < 0.001) return '< 0.001';
  return p.toFixed(3);
}

/** A p-value inside a sentence. Example: pValuePhrase(0.00001) → 'p < 0.001'; pValuePhrase(0.04321) → 'p = 0.043' */
export function pValuePhrase(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${pValueText(p)}`;
}

/**
 * The results table's rows, control first: exposures, the metric per person, and for each variant the relative
 * difference vs control with its interval, chance to win or p-value, and a verdict in words.
 * Example: variantRows(response, 'funnel', 'increase')[1].intervalText → '+3.1% to +12.4%'
 */
export function variantRows(response: Pick<ExperimentQueryResponseApi, 'baseline' | 'variant_results'>, metricType: ExperimentMetricType, goal: ExperimentMetricGoal): VariantRow[] {
  const controlValue = variantValue(response.baseline, metricType);
  const control: VariantRow = {
    key: response.baseline.key,
    isControl: true,
    exposures: response.baseline.number_of_samples,
    value: controlValue,
    ...valueTexts(response.baseline, metricType, controlValue),
    delta: null,
    interval: null,
    intervalText: 'Baseline',
    evidenceText: '—',
    significant: false,
    verdict: 'The baseline every variant is compared with.',
    peekingText: null,
    winning: false,
  };
  const others = response.variant_results.map((result): VariantRow => {
    const value = variantValue(result, metricType);
    const delta = value !== null && controlValue ? (value - controlValue) / controlValue : null;
    const interval = result.method === 'bayesian' ? result.credible_interval : result.confidence_interval;
    const evidence = result.method === 'bayesian' ? result.chance_to_win : result.p_value;
    const evidenceText = evidence === null ? '—' : result.method === 'bayesian' ? chanceText(evidence) : pValueText(evidence);
    return {
      key: result.key,
      isControl: false,
      exposures: result.number_of_samples,
      value,
      ...valueTexts(result, metricType, value),
      delta,
      interval,
      intervalText: interval ? `${signedPercent(interval[0])} to ${signedPercent(interval[1])}` : '—',
      evidenceText,
      significant: result.significant,
      ...verdictOf(result, delta, goal),
      peekingText: peekingText(result),
    };
  });
  return [control, ...others];
}

/**
 * The scale of the interval bars: symmetric around 0, wide enough for every interval, on a round bound (5 %, 10 %,
 * 20 %, 50 %, 100 %, …) so the axis labels read well.
 * Example: intervalScale([[-0.03, 0.12]]) → 0.2
 */
export function intervalScale(intervals: ([number, number] | null)[]): number {
  const widest = Math.max(0, ...intervals.flatMap((i) => (i ? [Math.abs(i[0]), Math.abs(i[1])] : [])));
  for (const bound of [0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10]) if (widest <= bound) return bound;
  return Math.ceil(widest);
}

/** An end of the bars' scale in whole percent. Example: axisText(-5) → '−500%' */
export function axisText(value: number): string {
  const text = `${Math.round(Math.abs(value) * 100)}%`;
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : text;
}

/** Where a relative difference sits on the bar, as a percentage of its width (0 at the middle). Clamped to the bar. */
export function barPosition(value: number, scale: number): number {
  return Math.min(100, Math.max(0, 50 + (50 * value) / scale));
}

/**
 * The sample-ratio-mismatch warning in plain words, or null when the split looks as the flag set it.
 * Example: srmWarning({ mismatch: true, p_value: 0.00002, … }) → 'The split of people between variants is not what the flag …'
 */
export function srmWarning(srm: ExperimentSrmApi | undefined): string | null {
  if (!srm?.mismatch) return null;
  const keys = Object.keys(srm.expected_shares);
  const total = keys.reduce((sum, k) => sum + (srm.observed_counts[k] ?? 0), 0);
  const seen = keys.map((k) => `${k} ${percentText(total ? (srm.observed_counts[k] ?? 0) / total : 0, 1)}`).join(', ');
  // Shares are normalised by their sum, so percentages (50) and fractions (0.5) read the same.
  const shares = keys.reduce((sum, k) => sum + (srm.expected_shares[k] ?? 0), 0);
  const planned = keys.map((k) => `${k} ${percentText(shares ? (srm.expected_shares[k] ?? 0) / shares : 0, 1)}`).join(', ');
  return (
    `The split of people between variants is not what the flag sets (seen: ${seen}; planned: ${planned}). ` +
    `A gap this large happens by chance less than once in a thousand experiments (${srm.p_value === null ? 'p unknown' : pValuePhrase(srm.p_value)}), ` +
    'so something sends people to one variant more than another — a redirect, bots, or code that asks for the flag only on some pages. ' +
    'Do not trust these results until the cause is found.'
  );
}

/** Every warning to show above the results: the SRM one in our words, then the server's others. */
export function resultWarnings(response: Pick<ExperimentQueryResponseApi, 'srm' | 'warnings'>): string[] {
  const srm = srmWarning(response.srm);
  const others = (response.warnings ?? []).filter((w) => w.code !== 'sample_ratio_mismatch' || srm === null).map((w) => w.message);
  return srm ? [srm, ...others] : others;
}

/** Points of the cumulative chart: per variant, the metric per person at the end of each day. */
export function cumulativeSeries(response: Pick<ExperimentQueryResponseApi, 'timeseries'>, metricType: ExperimentMetricType): { labels: string[]; series: { label: string; data: number[] }[] } {
  const points = response.timeseries ?? [];
  const labels = points.map((p) => p.date);
  const keys = points.length ? [points[0]!.baseline.key, ...points[0]!.variant_results.map((v) => v.key)] : [];
  const scale = metricType === 'funnel' ? 100 : 1;
  const series = keys.map((key) => ({
    label: key,
    data: points.map((p) => {
      const stats = p.baseline.key === key ? p.baseline : p.variant_results.find((v) => v.key === key);
      const value = stats ? variantValue(stats, metricType) : null;
      return value === null ? Number.NaN : Math.round(value * scale * 1000) / 1000;
    }),
  }));
  return { labels, series };
}

/**
 * The `/query/` body for one metric's results; with `timeseries`, the day-by-day series for the chart. The figures
 * and the chart are asked for apart: the figures come back sooner, and (as of this writing) the runner answers empty
 * totals when the series is asked for. Built in one place so the page's summary and the metric's card share one
 * cached answer.
 * Example: experimentResultsQuery(5, metric) → { kind: 'ExperimentQuery', experiment_id: 5, metric }
 */
export function experimentResultsQuery(experimentId: number, metric: ExperimentMetric, options: { timeseries?: boolean } = {}) {
  return { kind: 'ExperimentQuery' as const, experiment_id: experimentId, metric, ...(options.timeseries ? { include_timeseries: true } : {}) };
}

/**
 * The experiment's state in one sentence, from its first primary metric's rows: who wins, who loses, or why there is
 * no answer yet.
 * Example: headline(rows, 'Conversion to purchase') → 'test beats control on Conversion to purchase.'
 */
export function headline(rows: VariantRow[], title: string): string {
  const variants = rows.filter((r) => !r.isControl);
  const winners = variants.filter((r) => r.winning).map((r) => r.key);
  if (winners.length > 0) return `${winners.join(' and ')} ${winners.length === 1 ? 'beats' : 'beat'} control on ${title}.`;
  const losers = variants.filter((r) => r.significant).map((r) => r.key);
  if (losers.length > 0) return `No variant beats control on ${title}; ${losers.join(' and ')} ${losers.length === 1 ? 'does' : 'do'} worse.`;
  if (variants.some((r) => r.interval === null)) return `Not enough data yet to judge ${title}.`;
  return `No significant difference on ${title} yet.`;
}

/**
 * The sequential test in words. Example: peekingText({ sequential: { p_value: 0.2, significant: false, … } }) →
 * 'Checked daily, the always-valid test is not decisive yet (p = 0.200).'
 */
export function peekingText(result: Pick<ExperimentVariantResultApi, 'sequential'> & { p_value_adjusted?: number | null; p_value?: number | null }): string | null {
  const sequential = result.sequential;
  if (!sequential) return null;
  const reading = sequential.significant
    ? `Checked daily, the always-valid test agrees (${pValuePhrase(sequential.p_value)}).`
    : `Checked daily, the always-valid test is not decisive yet (${pValuePhrase(sequential.p_value)}).`;
  const adjusted = result.p_value_adjusted;
  const adjustedNote =
    typeof adjusted === 'number' && typeof result.p_value === 'number' && adjusted > result.p_value
      ? ` Corrected for the number of variants, ${pValuePhrase(adjusted)}.`
      : '';
  return reading + adjustedNote;
}
