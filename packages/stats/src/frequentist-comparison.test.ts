import { test } from 'node:test';
import { frequentistComparison } from './frequentist-comparison.js';
import { twoProportionZTest, welchTTest, zTest } from './frequentist-tests.js';
import { relativeDifference } from './relative-difference.js';
import { assertClose, loadVectors } from './test-support/vectors.js';
import type { VariantStatistics } from './stats-types.js';
import { variantMoments } from './variant-moments.js';

type Conversions = { n: number; successes: number };
interface Vectors {
  proportions: { control: Conversions; variant: Conversions; z: number; p_value: number; relative: number; relative_variance: number; confidence_intervals: Record<string, [number, number]> }[];
  welch: { control: VariantStatistics; variant: VariantStatistics; t: number; p_value: number; df: number; relative: number; confidence_interval_95: [number, number] }[];
  ratios: { control: VariantStatistics; variant: VariantStatistics; ratio_control: number; ratio_variance_control: number; relative: number; relative_variance: number; p_value: number }[];
}
const vectors = loadVectors<Vectors>('frequentist.json');
const funnelStats = (c: Conversions): VariantStatistics => ({ key: 'x', numberOfSamples: c.n, sum: c.successes, sumSquares: c.successes });

test('the two-proportion z-test matches statsmodels proportions_ztest (pooled) to 1e-6', () => {
  for (const v of vectors.proportions) {
    const result = twoProportionZTest(v.control, v.variant);
    assertClose(result.statistic, v.z, 1e-6, 'z');
    assertClose(result.p_value, v.p_value, 1e-6, 'p');
  }
});

test('funnel confidence intervals at 90/95/99 % are the delta-method interval of the relative difference', () => {
  for (const v of vectors.proportions) {
    for (const level of ['0.9', '0.95', '0.99']) {
      const figures = frequentistComparison('funnel', variantMoments(funnelStats(v.control), 'funnel'), variantMoments(funnelStats(v.variant), 'funnel'), Number(level));
      assertClose(figures.confidence_interval[0], v.confidence_intervals[level][0], 1e-6, `lo ${level}`);
      assertClose(figures.confidence_interval[1], v.confidence_intervals[level][1], 1e-6, `hi ${level}`);
      assertClose(figures.p_value, v.p_value, 1e-6, 'p');
    }
  }
});

test("Welch's t-test matches scipy ttest_ind(equal_var=False) from raw data, and the interval uses its degrees of freedom", () => {
  for (const v of vectors.welch) {
    const control = variantMoments(v.control, 'mean');
    const variant = variantMoments(v.variant, 'mean');
    const result = welchTTest(control, variant);
    assertClose(result.statistic, v.t, 1e-6, 't');
    assertClose(result.df, v.df, 1e-6, 'df');
    assertClose(result.p_value, v.p_value, 1e-6, 'p');
    const figures = frequentistComparison('mean', control, variant, 0.95);
    assertClose(figures.confidence_interval[0], v.confidence_interval_95[0], 1e-6, 'lo');
    assertClose(figures.confidence_interval[1], v.confidence_interval_95[1], 1e-6, 'hi');
  }
});

test('ratio metrics use the delta-method variance with the numerator/denominator covariance', () => {
  for (const v of vectors.ratios) {
    const control = variantMoments(v.control, 'ratio');
    assertClose(control.mean, v.ratio_control, 1e-9, 'ratio');
    assertClose(control.variance, v.ratio_variance_control, 1e-6, 'per-unit variance');
    const relative = relativeDifference(variantMoments(v.variant, 'ratio'), control);
    assertClose(relative.value, v.relative, 1e-9, 'relative');
    assertClose(relative.variance, v.relative_variance, 1e-9, 'relative variance');
    assertClose(zTest(relative).p_value, v.p_value, 1e-6, 'p');
  }
});

test('published example: OpenIntro Statistics, mammogram study (500/44,925 vs 505/44,910): Z ≈ −0.17, p ≈ 0.865', () => {
  // OpenIntro Statistics (Diez, Çetinkaya-Rundel, Barr), section on the difference of two proportions: pooled
  // proportion 0.0112, Z = −0.17, two-sided p-value 0.8650. The book divides rounded intermediates (difference
  // −0.00012, SE 0.00070), so its Z sits 0.006 from the unrounded −0.164: the tolerance is that rounding.
  const result = twoProportionZTest({ n: 44910, successes: 505 }, { n: 44925, successes: 500 });
  assertClose(result.statistic, -0.17, 0.01, 'Z');
  assertClose(result.p_value, 0.865, 0.01, 'p');
});
