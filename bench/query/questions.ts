/**
 * The four questions the benchmark asks, as PostHog-shaped query JSON for Warren, with the moment they are asked at
 * and the date windows the hand-written baselines use for the same semantics (rest-api.md 2.7-2.10, 5.3).
 */
import { insightContext, type InsightContext } from '@warren/query/insights/insight-context';
import { DATA_LAST_DAY, firstDataDay, TEAM } from './generate.js';

export type QuestionName = 'trends' | 'funnel' | 'retention' | 'paths';

export interface Question {
  name: QuestionName;
  title: string;
  /** The query JSON as a PostHog client sends it in `POST /query/ {query}`. */
  query: { kind: string } & Record<string, unknown>;
  /** The time target for Warren's answer, when it sets one. */
  targetMs: number | null;
}

/** The questions are asked at the last second of the data's last day, in a UTC project whose weeks start on Sunday. */
export const NOW = new Date(`${DATA_LAST_DAY}T23:59:59Z`);

export const CONTEXT: InsightContext = insightContext({
  teamId: TEAM,
  timezone: 'UTC',
  weekStartDay: 0,
  now: NOW,
  earliestEventAt: new Date(`${firstDataDay()}T00:00:00Z`),
});

const DAY_MS = 86_400_000;
const startOfDay = (at: Date): Date => new Date(Math.floor(at.getTime() / DAY_MS) * DAY_MS);
/** Sunday 00:00 UTC of the week holding `at`. */
const startOfWeek = (at: Date): Date => new Date(startOfDay(at).getTime() - at.getUTCDay() * DAY_MS);

export const LAST_30_DAYS = 30;
export const RETENTION_WEEKS = 8;
export const FUNNEL_WINDOW_DAYS = 14;
export const PATH_STEPS = 5;

/** The windows the baselines filter on, worked out from NOW by the rules of rest-api.md 5.3. */
export const WINDOWS = {
  /** `date_from: "-30d"` (day interval): 00:00 thirty days before today, through the end of today: 31 days. */
  last30: { from: new Date(startOfDay(NOW).getTime() - LAST_30_DAYS * DAY_MS), to: endOfDay(NOW), days: LAST_30_DAYS + 1 },
  /** 8 weekly cohorts, the last one the week holding NOW. */
  retention: { from: new Date(startOfWeek(NOW).getTime() - (RETENTION_WEEKS - 1) * 7 * DAY_MS), to: endOfDay(NOW) },
};

function endOfDay(at: Date): Date {
  return new Date(startOfDay(at).getTime() + DAY_MS - 1);
}

export const QUESTIONS: readonly Question[] = [
  {
    name: 'trends',
    title: `trends: daily active users of $pageview, last ${LAST_30_DAYS} days by day`,
    targetMs: 300,
    query: {
      kind: 'TrendsQuery',
      series: [{ kind: 'EventsNode', event: '$pageview', name: '$pageview', math: 'dau' }],
      interval: 'day',
      dateRange: { date_from: `-${LAST_30_DAYS}d`, date_to: null },
      trendsFilter: { display: 'ActionsLineGraph' },
    },
  },
  {
    name: 'funnel',
    title: `funnel: /signup view -> signup_started -> signed_up -> onboarding_completed, ordered, ${FUNNEL_WINDOW_DAYS}-day window, last ${LAST_30_DAYS} days`,
    targetMs: 1500,
    query: {
      kind: 'FunnelsQuery',
      series: [
        { kind: 'EventsNode', event: '$pageview', name: '$pageview', properties: [{ key: '$pathname', value: ['/signup'], operator: 'exact', type: 'event' }] },
        { kind: 'EventsNode', event: 'signup_started', name: 'signup_started' },
        { kind: 'EventsNode', event: 'signed_up', name: 'signed_up' },
        { kind: 'EventsNode', event: 'onboarding_completed', name: 'onboarding_completed' },
      ],
      dateRange: { date_from: `-${LAST_30_DAYS}d`, date_to: null },
      funnelsFilter: { funnelOrderType: 'ordered', funnelVizType: 'steps', funnelWindowInterval: FUNNEL_WINDOW_DAYS, funnelWindowIntervalUnit: 'day' },
    },
  },
  {
    name: 'retention',
    title: `retention: first-time signed_up -> $pageview, ${RETENTION_WEEKS} weekly cohorts`,
    targetMs: 1500,
    query: {
      kind: 'RetentionQuery',
      retentionFilter: {
        retentionType: 'retention_first_time',
        period: 'Week',
        totalIntervals: RETENTION_WEEKS,
        targetEntity: { id: 'signed_up', name: 'signed_up', type: 'events' },
        returningEntity: { id: '$pageview', name: '$pageview', type: 'events' },
        retentionReference: 'total',
      },
    },
  },
  {
    name: 'paths',
    title: `paths: $pageview paths of up to ${PATH_STEPS} steps, last ${LAST_30_DAYS} days`,
    targetMs: null,
    query: {
      kind: 'PathsQuery',
      dateRange: { date_from: `-${LAST_30_DAYS}d`, date_to: null },
      pathsFilter: { includeEventTypes: ['$pageview'], stepLimit: PATH_STEPS },
    },
  },
];
