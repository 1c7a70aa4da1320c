import type { ActorsPoint, ActorsSelection } from './actors.js';
import { funnelsActors, planFunnels } from './funnels/funnels-query.js';
import type { InsightContext } from './insight-context.js';
import type { InsightPlan } from './insight-statement.js';
import { lifecycleActors, planLifecycle } from './lifecycle/lifecycle-query.js';
import { pathsActors, planPaths } from './paths/paths-query.js';
import { planRetention, retentionActors } from './retention/retention-query.js';
import { planStickiness, stickinessActors } from './stickiness/stickiness-query.js';
import { planTrends, trendsActors } from './trends/trends-query.js';
import { planWebGoals } from '../web-analytics/web-goals.js';
import { planWebOverview } from '../web-analytics/web-overview.js';
import { planWebStatsTable } from '../web-analytics/web-stats-table.js';
import { planWebVitals } from '../web-analytics/web-vitals.js';
import { HogQLError } from '../hogql/hogql-error.js';

export interface InsightKind {
  plan(query: never, ctx: InsightContext): Promise<InsightPlan>;
  actors(query: never, point: ActorsPoint, ctx: InsightContext): Promise<ActorsSelection>;
}

/** Every insight query kind by its `kind`, with its compiler and its actors query. */
export const INSIGHT_KINDS: Readonly<Record<string, InsightKind>> = {
  TrendsQuery: { plan: planTrends, actors: trendsActors },
  FunnelsQuery: { plan: planFunnels, actors: funnelsActors },
  RetentionQuery: { plan: planRetention, actors: retentionActors },
  StickinessQuery: { plan: planStickiness, actors: stickinessActors },
  LifecycleQuery: { plan: planLifecycle, actors: lifecycleActors },
  PathsQuery: { plan: planPaths, actors: pathsActors },
  WebOverviewQuery: { plan: planWebOverview, actors: noActors('WebOverviewQuery') },
  WebStatsTableQuery: { plan: planWebStatsTable, actors: noActors('WebStatsTableQuery') },
  WebGoalsQuery: { plan: planWebGoals, actors: noActors('WebGoalsQuery') },
  WebVitalsQuery: { plan: planWebVitals, actors: noActors('WebVitalsQuery') },
};

function noActors(kind: string): InsightKind['actors'] {
  return async () => {
    throw new HogQLError('unsupported', `${kind} has no actors query`);
  };
}

/**
 * The kind a query node names, when it is an insight kind.
 * @example insightKind('TrendsQuery')?.plan // planTrends
 */
export function insightKind(kind: string): InsightKind | undefined {
  return Object.hasOwn(INSIGHT_KINDS, kind) ? INSIGHT_KINDS[kind] : undefined;
}
