/**
 * What `/query/` answers for a RetentionQuery (rest-api.md 2.9): one row per cohort, oldest first, triangular (row i
 * has `totalIntervals - i` values; `values[0]` is the cohort's size). Built by the query package's retention shaping
 * (packages/query/src/insights/retention/retention-shape.ts).
 */
export interface RetentionRowApi {
  /** `<Period> <n>`, e.g. `Week 2`. */
  label: string;
  /** Start of the cohort's period, ISO-8601 in the project timezone (`Z` for UTC). */
  date: string;
  values: { count: number; label: string }[];
  /** With a breakdown: the value this row is for. */
  breakdown_value?: string;
}
