import type { FastifyInstance } from 'fastify';
import type { Authenticator } from '../auth/authenticator.js';
import { registerInsightRoutes } from '../insights/insight-routes.js';
import { InsightRepository } from '../insights/insight-repository.js';
import type { ActivityLog } from '../platform/activity-log.js';
import type { ProjectRepository } from '../projects/project-repository.js';
import type { QueryExecutor } from '../query/query-executor.js';
import type { QueryJobDeps } from '../query/query-jobs.js';
import { registerSharedRoutes } from '../sharing/shared-routes.js';
import { registerSharingRoutes } from '../sharing/sharing-routes.js';
import { SharingRepository } from '../sharing/sharing-repository.js';
import type { MetaDb } from '../storage/meta-schema.js';
import { registerDashboardRoutes } from './dashboard-routes.js';
import { DashboardRepository } from './dashboard-repository.js';
import { TileRepository } from './tile-repository.js';

export interface InsightsDashboardsDeps {
  db: MetaDb;
  projects: Pick<ProjectRepository, 'findById'>;
  activity: ActivityLog;
  /** The query API's executor: insights share its cache, concurrency limit and async queries. */
  executor: QueryExecutor;
  jobs: QueryJobDeps;
}

/** Saved insights, dashboards, and their sharing links (private settings and the public read-only view). */
export function registerInsightsAndDashboards(app: FastifyInstance, authenticator: Authenticator, deps: InsightsDashboardsDeps): void {
  const repositories = {
    db: deps.db,
    insights: new InsightRepository(deps.db),
    dashboards: new DashboardRepository(deps.db),
    tiles: new TileRepository(deps.db),
    sharing: new SharingRepository(deps.db),
    activity: deps.activity,
    query: { executor: deps.executor, jobs: deps.jobs },
  };
  registerInsightRoutes(app, authenticator, repositories);
  registerDashboardRoutes(app, authenticator, repositories);
  registerSharingRoutes(app, authenticator, repositories);
  registerSharedRoutes(app, { ...repositories, projects: deps.projects });
}
