import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ExperimentQueryResponseApi, ExperimentSrmApi } from '@warren/shared/experiment-results-api';
import { axisText, barPosition, chanceText, cumulativeSeries, experimentResultsQuery, formatNumber, headline, intervalScale, peekingText, pValueText, resultWarnings, signedPercent, srmWarning, variantRows, type VariantRow } from './results-model';

const baseline = { key: 'control', number_of_samples: 1000, sum: 100, sum_squares: 100 };

test('a significant Bayesian funnel winner: rates, relative difference, interval and chance to win in words', () => {
  const rows = variantRows(
    {
      baseline,
      variant_results: [{ key: 'test', number_of_samples: 1000, sum: 130, sum_squares: 130, method: 'bayesian', significant: true, chance_to_win: 0.987, credible_interval: [0.031, 0.124] }],
    },
    'funnel',
    'increase',
  );
  assert.equal(rows.length, 2);
  assert.equal(rows[0]!.isControl, true);
  assert.equal(rows[0]!.valueText, '10%');
  assert.equal(rows[0]!.valueDetail, '100 of 1,000 converted');
  const t = rows[1]!;
  assert.equal(t.valueText, '13%');
  assert.ok(Math.abs(t.delta! - 0.3) < 1e-12);
  assert.equal(t.intervalText, '+3.1% to +12.4%');
  assert.equal(t.evidenceText, '98.7%');
  assert.equal(t.winning, true);
  assert.equal(t.verdict, 'test is better than control: a 98.7% chance to win.');
});

test('a significant Bayesian loser says control is likely better; an undecided one says keep running', () => {
  const loser = variantRows({ baseline, variant_results: [{ key: 'b', number_of_samples: 1000, sum: 70, sum_squares: 70, method: 'bayesian', significant: true, chance_to_win: 0.02, credible_interval: [-0.4, -0.1] }] }, 'funnel', 'increase')[1]!;
  assert.equal(loser.verdict, 'b is worse than control: a 98% chance that control is better.');
  assert.equal(loser.winning, false);
  const unsure = variantRows({ baseline, variant_results: [{ key: 'b', number_of_samples: 1000, sum: 104, sum_squares: 104, method: 'bayesian', significant: false, chance_to_win: 0.64, credible_interval: [-0.1, 0.2] }] }, 'funnel', 'increase')[1]!;
  assert.match(unsure.verdict, /^Not significant: a 64% chance to beat control/);
});

test('frequentist: p-value, and "better" follows the goal (a fall is good for a decrease goal)', () => {
  const response = { baseline: { key: 'control', number_of_samples: 500, sum: 5000, sum_squares: 60000 }, variant_results: [{ key: 'test', number_of_samples: 500, sum: 4000, sum_squares: 40000, method: 'frequentist' as const, significant: true, p_value: 0.0004, confidence_interval: [-0.3, -0.1] as [number, number] }] };
  const down = variantRows(response, 'mean', 'decrease')[1]!;
  assert.equal(down.valueText, '8');
  assert.equal(down.evidenceText, '< 0.001');
  assert.equal(down.verdict, 'test is significantly better than control (p < 0.001).');
  assert.equal(down.winning, true);
  const up = variantRows(response, 'mean', 'increase')[1]!;
  assert.equal(up.verdict, 'test is significantly worse than control (p < 0.001).');
  assert.equal(up.intervalText, '−30.0% to −10.0%');
});

test('validation failures become plain words and no verdict of significance', () => {
  const row = variantRows({ baseline: { ...baseline, number_of_samples: 20, sum: 2 }, variant_results: [{ key: 'test', number_of_samples: 18, sum: 3, sum_squares: 3, method: 'bayesian', significant: false, chance_to_win: null, credible_interval: null, validation_failures: ['not-enough-exposures'] }] }, 'funnel', 'increase')[1]!;
  assert.equal(row.verdict, 'Not enough exposures yet to judge (at least 50 per variant).');
  assert.equal(row.intervalText, '—');
  assert.equal(row.evidenceText, '—');
});

test('a ratio metric divides the sums: numerator over denominator', () => {
  const rows = variantRows({ baseline: { ...baseline, sum: 300, denominator_sum: 150 }, variant_results: [] }, 'ratio', 'increase');
  assert.equal(rows[0]!.valueText, '2');
  assert.equal(rows[0]!.valueDetail, '300 / 150');
});

test('the interval bars share a round symmetric scale, and positions are clamped to the bar', () => {
  assert.equal(intervalScale([[-0.03, 0.12], null]), 0.2);
  assert.equal(intervalScale([[0.01, 0.02]]), 0.05);
  assert.equal(intervalScale([[-3.2, 1]]), 5);
  assert.equal(intervalScale([]), 0.05);
  assert.equal(barPosition(0, 0.2), 50);
  assert.equal(barPosition(0.1, 0.2), 75);
  assert.equal(barPosition(-1, 0.2), 0);
});

test('an SRM warning explains the split seen against the one planned; none when the split is fine', () => {
  const srm: ExperimentSrmApi = { mismatch: true, p_value: 0.00002, chi_square: 25, threshold: 0.001, expected_shares: { control: 0.5, test: 0.5 }, observed_counts: { control: 2250, test: 2750 } };
  const text = srmWarning(srm)!;
  assert.match(text, /seen: control 45%, test 55%; planned: control 50%, test 50%/);
  assert.match(text, /\(p < 0.001\)/);
  assert.equal(srmWarning({ ...srm, mismatch: false }), null);
  // The server states the planned split in percent; fractions read the same.
  assert.equal(srmWarning({ ...srm, expected_shares: { control: 50, test: 50 } }), text);
  const warnings = resultWarnings({ srm, warnings: [{ code: 'sample_ratio_mismatch', message: 'server words' }, { code: 'low_exposure', message: 'Few exposures.' }] });
  assert.deepEqual(warnings, [text, 'Few exposures.']);
});

test('the cumulative chart has one line per variant with the metric at each day (rates in %)', () => {
  const response: Pick<ExperimentQueryResponseApi, 'timeseries'> = {
    timeseries: [
      { date: '2026-11-01', baseline: { key: 'control', number_of_samples: 100, sum: 10, sum_squares: 10 }, variant_results: [{ key: 'test', number_of_samples: 100, sum: 12, sum_squares: 12, method: 'bayesian', significant: false, chance_to_win: 0.6, credible_interval: null }] },
      { date: '2026-11-02', baseline: { key: 'control', number_of_samples: 200, sum: 22, sum_squares: 22 }, variant_results: [{ key: 'test', number_of_samples: 0, sum: 0, sum_squares: 0, method: 'bayesian', significant: false, chance_to_win: null, credible_interval: null }] },
    ],
  };
  const { labels, series } = cumulativeSeries(response, 'funnel');
  assert.deepEqual(labels, ['2026-11-01', '2026-11-02']);
  assert.deepEqual(series[0], { label: 'control', data: [10, 11] });
  assert.equal(series[1]!.data[0], 12);
  assert.ok(Number.isNaN(series[1]!.data[1]));
});

test('numbers and changes are formatted for reading', () => {
  assert.equal(formatNumber(1234.567), '1,234.57');
  assert.equal(formatNumber(0.012345), '0.0123');
  assert.equal(signedPercent(0.031), '+3.1%');
  assert.equal(signedPercent(0), '0.0%');
  assert.equal(pValueText(0.04321), '0.043');
});

test('the figures are asked for without the day-by-day series; the chart asks with it', () => {
  const metric = { kind: 'ExperimentMetric' as const, metric_type: 'funnel' as const, series: [{ kind: 'EventsNode' as const, event: 'purchase' }] };
  assert.deepEqual(experimentResultsQuery(5, metric), { kind: 'ExperimentQuery', experiment_id: 5, metric });
  assert.equal(experimentResultsQuery(5, metric, { timeseries: true }).include_timeseries, true);
});

test('a chance is never shown as a flat 100% or 0%; axis ends are whole percents', () => {
  assert.equal(chanceText(0.99995), '> 99.9%');
  assert.equal(chanceText(0.99995, true), 'more than 99.9%');
  assert.equal(chanceText(0.0001), '< 0.1%');
  assert.equal(chanceText(0.987), '98.7%');
  assert.equal(axisText(-5), '−500%');
  assert.equal(axisText(0.2), '+20%');
  const sure = variantRows({ baseline, variant_results: [{ key: 'test', number_of_samples: 1000, sum: 300, sum_squares: 300, method: 'bayesian', significant: true, chance_to_win: 1, credible_interval: [1, 2] }] }, 'funnel', 'increase')[1]!;
  assert.equal(sure.evidenceText, '> 99.9%');
  assert.equal(sure.verdict, 'test is better than control: a more than 99.9% chance to win.');
});

test('the headline says who wins, who loses, or why there is no answer yet', () => {
  const row = (key: string, patch: Partial<VariantRow>): VariantRow => ({ key, isControl: false, exposures: 100, value: 0.1, valueText: '', valueDetail: null, delta: 0, interval: [-0.1, 0.1], intervalText: '', evidenceText: '', significant: false, verdict: '', peekingText: null, winning: false, ...patch });
  const control = row('control', { isControl: true, interval: null });
  assert.equal(headline([control, row('test', { significant: true, winning: true })], 'Checkout'), 'test beats control on Checkout.');
  assert.equal(headline([control, row('a', { significant: true }), row('b', { significant: true })], 'Checkout'), 'No variant beats control on Checkout; a and b do worse.');
  assert.equal(headline([control, row('test', { interval: null })], 'Checkout'), 'Not enough data yet to judge Checkout.');
  assert.equal(headline([control, row('test', {})], 'Checkout'), 'No significant difference on Checkout yet.');
});

test('the always-valid reading is put in words, with the correction for many variants when it changes the p-value', () => {
  const sequential = (p: number, significant: boolean) => ({ p_value: p, confidence_sequence: [0, 1] as [number, number], significant });
  assert.equal(peekingText({ sequential: null }), null);
  assert.equal(peekingText({ sequential: sequential(0.2, false) }), 'Checked daily, the always-valid test is not decisive yet (p = 0.200).');
  assert.equal(peekingText({ sequential: sequential(0.0004, true), p_value: 0.01, p_value_adjusted: 0.02 }), 'Checked daily, the always-valid test agrees (p < 0.001). Corrected for the number of variants, p = 0.020.');
  assert.equal(peekingText({ sequential: sequential(0.03, true), p_value: 0.01, p_value_adjusted: 0.01 }), 'Checked daily, the always-valid test agrees (p = 0.030).');
});
