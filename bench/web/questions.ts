/**
 * The two questions the web benchmark asks, as PostHog-shaped query JSON for Warren (rest-api.md 2.14, 2.15), the
 * moment they are asked at and the window the hand-written baselines use for the same semantics (rest-api.md 5.3).
 */
import { insightContext, type InsightContext } from '@warren/query/insights/insight-context';
import { DATA_LAST_DAY, firstDataDay, TEAM } from './generate.js';

export type QuestionName = 'overview' | 'pages';

export interface Question {
  name: QuestionName;
  title: string;
  /** The query JSON as a PostHog client sends it in `POST /query/ {query}`. */
  query: { kind: string } & Record<string, unknown>;
  /** The time target for Warren's answer. */
  targetMs: number;
}

/** The questions are asked at the last second of the data's last day, in a UTC project. */
export const NOW = new Date(`${DATA_LAST_DAY}T23:59:59Z`);

export const CONTEXT: InsightContext = insightContext({
  teamId: TEAM,
  timezone: 'UTC',
  weekStartDay: 0,
  now: NOW,
  earliestEventAt: new Date(`${firstDataDay()}T00:00:00Z`),
});

const DAY_MS = 86_400_000;
export const LAST_30_DAYS = 30;
/** Rows of the Page table asked for (PostHog's web analytics page shows 10; its "show more" asks for more). */
export const PAGE_LIMIT = 10;

/** `date_from: "-30d"` (day resolution): 00:00 thirty days before today, through the end of today: 31 days. */
export const WINDOW = {
  from: new Date(Math.floor(NOW.getTime() / DAY_MS) * DAY_MS - LAST_30_DAYS * DAY_MS),
  to: new Date(Math.floor(NOW.getTime() / DAY_MS) * DAY_MS + DAY_MS - 1),
};

export const QUESTIONS: readonly Question[] = [
  {
    name: 'overview',
    title: `WebOverviewQuery: visitors, views, sessions, session duration, bounce rate, last ${LAST_30_DAYS} days`,
    targetMs: 300,
    query: { kind: 'WebOverviewQuery', dateRange: { date_from: `-${LAST_30_DAYS}d`, date_to: null }, properties: [], compareFilter: { compare: false } },
  },
  {
    name: 'pages',
    title: `WebStatsTableQuery breakdownBy Page: visitors, views, bounce rate per path, last ${LAST_30_DAYS} days, top ${PAGE_LIMIT}`,
    targetMs: 500,
    query: {
      kind: 'WebStatsTableQuery',
      breakdownBy: 'Page',
      dateRange: { date_from: `-${LAST_30_DAYS}d`, date_to: null },
      properties: [],
      limit: PAGE_LIMIT,
      doPathCleaning: false,
      includeScrollDepth: false,
      includeBounceRate: true,
    },
  },
];
