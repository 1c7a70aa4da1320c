/**
 * What `/query/` answers for the web analytics queries (rest-api.md 2.14, 2.15), as the web analytics screen reads
 * them. Built by packages/query/src/web-analytics/ (WebOverviewQuery in web-overview.ts, WebStatsTableQuery in
 * web-stats-table.ts).
 */

/** One figure of the overview: its value in the range and, with compare, in the period before. */
export interface WebOverviewItemApi {
  key: 'visitors' | 'views' | 'sessions' | 'session duration' | 'bounce rate' | 'total conversions' | 'unique conversions' | 'conversion rate' | (string & {});
  /** `duration_s`: seconds; `percentage`: 0–100. */
  kind: 'unit' | 'duration_s' | 'percentage' | 'currency';
  value: number | null;
  /** Null unless the query compared. */
  previous: number | null;
  /** `round(100 * (value - previous) / previous)`; null without a previous value or when it is 0. */
  changeFromPreviousPct: number | null;
  /** True where a rise is bad news (bounce rate). */
  isIncreaseBad?: boolean | null;
}

export interface WebOverviewResponseApi {
  results: WebOverviewItemApi[];
  samplingRate: { numerator: number; denominator?: number | null };
  dateFrom?: string | null;
  dateTo?: string | null;
}

/** What a WebStatsTableQuery breaks down by (`WebStatsBreakdown`). */
export type WebStatsBreakdownApi =
  | 'Page'
  | 'InitialPage'
  | 'ExitPage'
  | 'ExitClick'
  | 'PreviousPage'
  | 'ScreenName'
  | 'InitialChannelType'
  | 'InitialReferringDomain'
  | 'InitialReferringURL'
  | 'InitialUTMSource'
  | 'InitialUTMCampaign'
  | 'InitialUTMMedium'
  | 'InitialUTMTerm'
  | 'InitialUTMContent'
  | 'InitialUTMSourceMediumCampaign'
  | 'Browser'
  | 'OS'
  | 'Viewport'
  | 'DeviceType'
  | 'Country'
  | 'Region'
  | 'City'
  | 'Timezone'
  | 'Language';

/** A metric cell: `[current, previous]`, previous null without compare. */
export type WebMetricCellApi = [number | null, number | null];

/**
 * A WebStatsTableQuery (or WebGoalsQuery) answer: `columns` are i18n keys (`context.columns.breakdown_value`,
 * `context.columns.visitors`, `context.columns.views`, `context.columns.bounce_rate` (a 0–1 fraction), …) naming the
 * cells of each row; the breakdown value comes first (a string, null, or a tuple for Region and City).
 */
export interface WebStatsTableResponseApi {
  results: unknown[][];
  columns: string[];
  types?: unknown[];
  hasMore?: boolean;
  limit?: number;
  offset?: number;
  samplingRate?: { numerator: number; denominator?: number | null };
}
