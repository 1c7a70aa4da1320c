import type { StatementResult } from '../insights/insight-statement.js';

/** One variant's sufficient statistics (and, in a cumulative chart, the day they are as of). */
export interface VariantStatistics {
  key: string;
  /** The day's label (`YYYY-MM-DD`, project timezone) in a cumulative chart; null for the whole experiment. */
  day: string | null;
  number_of_samples: number;
  sum: number;
  sum_squares: number;
  denominator_sum: number;
  denominator_sum_squares: number;
  numerator_denominator_sum_product: number;
  covariate_sum: number;
  covariate_sum_squares: number;
  covariate_sum_product: number;
  /** Funnels: persons who reached each step; empty for other metrics. */
  step_counts: number[];
}

/** Outlier caps of a mean metric; null where no percentile was asked for or no person was exposed. */
export interface CappingBounds {
  lower: number | null;
  upper: number | null;
}

const COLUMNS = ['variant_key', 'day_end', 'n', 's', 'ss', 'ds', 'dss', 'vd', 'cs', 'css', 'vc', 'steps'] as const;

/**
 * The statistics rows of an experiment statement, sorted by variant then day; `labels` names each day end.
 * @example variantRows(result, new Map())[0].number_of_samples // => 5000
 */
export function variantRows(result: StatementResult, labels: ReadonlyMap<number, string>): VariantStatistics[] {
  const at = Object.fromEntries(COLUMNS.map((name) => [name, result.columns.findIndex((c) => c.name === name)])) as Record<(typeof COLUMNS)[number], number>;
  const stats = result.rows.map((row): VariantStatistics => {
    const num = (name: (typeof COLUMNS)[number]) => Number(row[at[name]] ?? 0);
    const dayEnd = num('day_end');
    return {
      key: String(row[at.variant_key]),
      day: dayEnd > 0 ? (labels.get(dayEnd) ?? null) : null,
      number_of_samples: num('n'),
      sum: num('s'),
      sum_squares: num('ss'),
      denominator_sum: num('ds'),
      denominator_sum_squares: num('dss'),
      numerator_denominator_sum_product: num('vd'),
      covariate_sum: num('cs'),
      covariate_sum_squares: num('css'),
      covariate_sum_product: num('vc'),
      step_counts: ((row[at.steps] as unknown[] | null) ?? []).map(Number),
    };
  });
  return stats.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : (a.day ?? '') < (b.day ?? '') ? -1 : 1));
}

/** The caps read from the bounds statement. @example boundsOf(result) // => { lower: null, upper: 120 } */
export function boundsOf(result: StatementResult): CappingBounds {
  const row = result.rows[0] ?? [];
  const read = (i: number) => {
    const value = row[i];
    if (value === null || value === undefined) return null;
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  };
  return { lower: read(0), upper: read(1) };
}
