import type { BreakdownTab } from './web-breakdowns';
import { periodOf, propertyFiltersOf, type WebPageState } from './web-page-state';

/** How many rows each table shows (Plausible shows nine or ten). */
export const TABLE_ROWS = 10;

/** The fields every web query of the page shares: range, filters and compare. */
function common(state: WebPageState) {
  return {
    dateRange: { date_from: periodOf(state.period).dateFrom, date_to: null },
    properties: propertyFiltersOf(state.filters),
    ...(state.compare && { compareFilter: { compare: true } }),
  };
}

/** The five figures. Example: overviewQuery(state).kind === 'WebOverviewQuery' */
export function overviewQuery(state: WebPageState) {
  return { kind: 'WebOverviewQuery', ...common(state) };
}

// The chart counts the traffic the figures count: views in a session, not from a bot (a fixed expression, no user
// value in it).
const WEB_TRAFFIC = { type: 'hogql', key: 'notEmpty($session_id) AND NOT session.$is_bot', value: null };

/**
 * Visitors (unique users a day or hour) and pageviews over the range, at the period's interval.
 * Example: visitorsChartQuery({ period: 'today', … }).interval === 'hour'
 */
export function visitorsChartQuery(state: WebPageState) {
  const { dateRange, properties, compareFilter } = common(state);
  return {
    kind: 'TrendsQuery',
    series: [
      { kind: 'EventsNode', event: '$pageview', name: '$pageview', custom_name: 'Visitors', math: 'dau' },
      { kind: 'EventsNode', event: '$pageview', name: '$pageview', custom_name: 'Pageviews', math: 'total' },
    ],
    interval: periodOf(state.period).interval,
    dateRange,
    properties: [...properties, WEB_TRAFFIC],
    trendsFilter: { display: 'ActionsLineGraph' },
    ...(compareFilter && { compareFilter }),
  };
}

/** One table of a card. Example: statsTableQuery(state, tab).breakdownBy === tab.breakdownBy */
export function statsTableQuery(state: WebPageState, tab: BreakdownTab) {
  return {
    kind: 'WebStatsTableQuery',
    breakdownBy: tab.breakdownBy,
    ...common(state),
    includeBounceRate: Boolean(tab.includeBounceRate),
    limit: tab.limit ?? TABLE_ROWS,
  };
}

/** The project's actions as goals: converting visitors, conversions and rate. */
export function goalsQuery(state: WebPageState) {
  return { kind: 'WebGoalsQuery', ...common(state), limit: TABLE_ROWS };
}

/**
 * The live count: who viewed a page in the last half hour (the page's range and filters aside, as Plausible does),
 * crawlers left out by the flag ingestion sets. It reads events only — no sessions join — since it runs every few seconds.
 */
export const LIVE_MINUTES = 30;
export const LIVE_QUERY = {
  kind: 'HogQLQuery',
  query:
    "SELECT uniq(person_id) AS visitors, countIf(event = '$pageview') AS pageviews FROM events " +
    `WHERE timestamp > now() - interval ${LIVE_MINUTES} minute AND (event = '$pageview' OR event = '$screen') AND ifNull(properties.$is_bot, '') != 'true'`,
};

/** Whether the project has ever had a view: one row or none. */
export const ANY_VIEW_QUERY = { kind: 'HogQLQuery', query: "SELECT 1 FROM events WHERE event = '$pageview' OR event = '$screen' LIMIT 1" };

/** The live count's two numbers from its HogQL answer. Example: liveCount({ results: [[2, 5]] }) -> { visitors: 2, pageviews: 5 } */
export function liveCount(response: { results?: unknown }): { visitors: number; pageviews: number } {
  const row = Array.isArray(response.results) && Array.isArray(response.results[0]) ? (response.results[0] as unknown[]) : [];
  return { visitors: Number(row[0] ?? 0) || 0, pageviews: Number(row[1] ?? 0) || 0 };
}
