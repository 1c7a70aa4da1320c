import http from 'node:http';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type RouteOptions } from 'fastify';
import type { Logger } from 'pino';
import { registerAccountRoutes } from './accounts/account-routes.js';
import { publicRoute } from './accounts/public-routes.js';
import { registerActionRoutes } from './actions/action-routes.js';
import { AnnotationRepository } from './annotations/annotation-repository.js';
import { registerAnnotationRoutes } from './annotations/annotation-routes.js';
import { ActionRepository } from './actions/action-repository.js';
import { ProjectActions } from './actions/project-actions.js';
import { Authenticator } from './auth/authenticator.js';
import { installSessionGuard } from './auth/session-guard.js';
import { createCohortServices, registerCohorts } from './cohorts/register-cohorts.js';
import { registerInsightsAndDashboards } from './dashboards/insights-dashboards-api.js';
import { registerDefinitionRoutes } from './definitions/definition-routes.js';
import { registerEventsRoutes } from './events/events-routes.js';
import { registerExportRoutes } from './exports/export-routes.js';
import { registerExperiments } from './experiments/register-experiments.js';
import { registerTimeseriesResultsRoute } from './experiments/results/timeseries-results-route.js';
import { registerFeatureFlagRoutes } from './flags/feature-flag-routes.js';
import { FlagRepository } from './flags/flag-repository.js';
import { flagsFastLane, type FastLane } from './flags/flags-fast-lane.js';
import { registerFlagsRoutes } from './flags/flags-routes.js';
import { registerLocalEvaluationRoutes } from './flags/local-evaluation-routes.js';
import { ProjectFlags } from './flags/project-flags.js';
import { GroupRepository } from './identity/group-repository.js';
import { ActivityLog } from './platform/activity-log.js';
import type { IdentityProcessor } from './identity/identity-processor.js';
import type { PersonRepository } from './identity/person-repository.js';
import { registerCaptureRoutes } from './ingest/capture-routes.js';
import type { CaptureWorkerPool } from './ingest/capture-worker-pool.js';
import type { CookielessSalts } from './ingest/cookieless-salts.js';
import type { IngestPipeline } from './ingest/ingest-pipeline.js';
import { registerIngestionWarningsRoutes } from './ingest/ingestion-warnings-routes.js';
import { DEFAULT_INGEST_LIMITS, type IngestLimits } from './ingest/limits.js';
import { registerOrganizationResources } from './organizations/register-organization-resources.js';
import { registerPersonsRoutes } from './persons/persons-routes.js';
import type { Config } from './platform/config.js';
import { clientErrorHandler } from './platform/client-error-handler.js';
import { registerCorsPolicy } from './platform/cors-policy.js';
import { installErrorHandler } from './platform/error-handler.js';
import { registerHealthRoutes } from './platform/health-routes.js';
import { registerWebApp } from './platform/web-app.js';
import { WebRollupJob } from './web-analytics/web-rollup-job.js';
import { WebRollupStore } from './web-analytics/web-rollup-store.js';
import { installHttpMetrics } from './platform/http-metrics.js';
import { lazyRequestLogger } from './platform/lazy-request-logger.js';
import { installJsonBodyParser } from './platform/json-body-parser.js';
import { registerOpenApi } from './openapi/openapi-routes.js';
import type { Metrics } from './platform/metrics.js';
import type { ProjectRepository } from './projects/project-repository.js';
import { QueryExecutor } from './query/query-executor.js';
import { registerQueryRoutes } from './query/query-routes.js';
import { registerPosthogJsStatic } from './remote-config/posthog-js-static.js';
import { registerRemoteConfigRoutes } from './remote-config/remote-config-routes.js';
import { registerRecordingRoutes } from './replay/recording-routes.js';
import { startRecordingRetentionSweep } from './replay/recording-retention.js';
import type { EventStore } from './storage/event-store.js';
import type { MetaDb } from './storage/meta-schema.js';

export interface AppDeps {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  eventStore: EventStore;
  metaDb: MetaDb;
  projects: ProjectRepository;
  persons: PersonRepository;
  identity: IdentityProcessor;
  pipeline: IngestPipeline;
  captureWorkers: CaptureWorkerPool | null;
  /** Names cookieless visitors at capture; without it their events are dropped. */
  cookielessSalts?: CookielessSalts;
  limits?: IngestLimits;
  /** Sees every route as it is registered (the route-permissions test walks the route table with it). */
  onRoute?: (route: RouteOptions) => void;
  /** False sends `POST /flags` through Fastify like every other route (the fast lane's differential test). */
  flagsFastLane?: boolean;
}

/** The whole HTTP surface, built from its dependencies; no port is opened here (tests use `inject` or listen on 0). */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  // Set once the flags routes exist; unset as the app starts closing, so Fastify answers late requests its own way.
  let fastLane: FastLane | null = null;
  const app: FastifyInstance = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    trustProxy: deps.config.trustProxy,
    bodyLimit: 20 * 1024 * 1024,
    // Per-request info logs would cost more than ingesting the request; latency lives in /_metrics instead.
    logController: new LogController({ disableRequestLogging: true }),
    childLoggerFactory: lazyRequestLogger,
    routerOptions: { maxParamLength: 500, ignoreTrailingSlash: true, ignoreDuplicateSlashes: true },
    clientErrorHandler,
    serverFactory: (handler) =>
      http.createServer(
        {
          headersTimeout: deps.config.http.headersTimeoutMs,
          requestTimeout: deps.config.http.requestTimeoutMs,
          keepAliveTimeout: 65_000,
          // How often Node checks the two timeouts above (its default, 30 s, would let slow clients linger).
          connectionsCheckingInterval: Math.min(1_000, deps.config.http.headersTimeoutMs),
        },
        (request, response) => {
          if (fastLane === null || !fastLane(request, response)) handler(request, response);
        },
      ),
  });
  if (deps.onRoute) app.addHook('onRoute', deps.onRoute);
  installSessionGuard(app, { startsSession: (method, url) => publicRoute(method, url)?.startsSession === true });
  installErrorHandler(app, await registerWebApp(app, deps.config.webDistDir ?? undefined));
  installJsonBodyParser(app);
  installHttpMetrics(app, deps.metrics);
  await registerCorsPolicy(app);
  await registerOpenApi(app);

  const authenticator = new Authenticator(deps.metaDb, deps.projects);
  const accounts = registerAccountRoutes(app, authenticator, { db: deps.metaDb, siteUrl: deps.config.siteUrl });
  registerHealthRoutes(app, deps);
  const limits = deps.limits ?? DEFAULT_INGEST_LIMITS;
  const bodyChunkTimeoutMs = deps.config.http.bodyChunkTimeoutMs;
  await registerCaptureRoutes(app, {
    deps: { projects: deps.projects, pipeline: deps.pipeline, metrics: deps.metrics, limits, workers: deps.captureWorkers, cookielessSalts: deps.cookielessSalts },
    bodyChunkTimeoutMs,
  });
  const flags = new FlagRepository(deps.metaDb);
  const groups = new GroupRepository(deps.metaDb);
  const cohorts = createCohortServices(deps.metaDb, deps.eventStore);
  const projectFlags = new ProjectFlags(flags, groups, undefined, cohorts.flagCohorts);
  const flagsRequestDeps = { projectFlags, flags, persons: deps.persons, groups, personCache: deps.identity.cache, groupCache: deps.identity.groupCache };
  await registerFlagsRoutes(app, { deps: flagsRequestDeps, projects: deps.projects, limits, bodyChunkTimeoutMs });
  if (deps.flagsFastLane !== false) {
    const bodyLimits = { maxBytes: limits.maxWireBytes, chunkTimeoutMs: bodyChunkTimeoutMs };
    fastLane = flagsFastLane({ deps: flagsRequestDeps, projects: deps.projects, limits, bodyLimits, metrics: deps.metrics, logger: deps.logger });
    app.addHook('preClose', (done) => {
      fastLane = null;
      done();
    });
  }
  registerFeatureFlagRoutes(app, authenticator, { db: deps.metaDb, flags, projectFlags, activity: new ActivityLog(deps.metaDb) });
  registerLocalEvaluationRoutes(app, authenticator, { projects: deps.projects, projectFlags, flags });
  registerExperiments(app, authenticator, { db: deps.metaDb, flags, projectFlags, activity: new ActivityLog(deps.metaDb) });
  registerRemoteConfigRoutes(app, deps.projects, async (teamId) => (await projectFlags.forProject(teamId)).definitions.some((f) => f.active));
  registerPosthogJsStatic(app);
  const actions = new ActionRepository(deps.metaDb);
  const projectActions = new ProjectActions(actions);
  registerActionRoutes(app, authenticator, { db: deps.metaDb, actions, projectActions });
  await registerCohorts(app, authenticator, {
    services: cohorts,
    db: deps.metaDb,
    store: deps.eventStore,
    projects: deps.projects,
    persons: deps.persons,
    actions: projectActions,
    projectFlags,
    logger: deps.logger,
    refreshIntervalMs: deps.config.cohorts.refreshIntervalMs,
  });
  const webRollups = new WebRollupStore(deps.eventStore, deps.config.webAnalytics.rollupQuietMs);
  const webRollupJob = new WebRollupJob(webRollups, async (id) => (await deps.projects.findById(id))?.timezone, deps.logger, {
    intervalMs: deps.config.webAnalytics.rollupIntervalMs,
  });
  app.addHook('onReady', async () => webRollupJob.start());
  app.addHook('onClose', () => webRollupJob.stop());
  const queryJobDeps = { store: deps.eventStore, db: deps.metaDb, actions: projectActions, cohorts: cohorts.projectCohorts, webRollups };
  const queryExecutor = new QueryExecutor();
  registerQueryRoutes(app, authenticator, queryJobDeps, queryExecutor);
  registerTimeseriesResultsRoute(app, authenticator, queryJobDeps);
  registerInsightsAndDashboards(app, authenticator, { db: deps.metaDb, projects: deps.projects, activity: new ActivityLog(deps.metaDb), executor: queryExecutor, jobs: queryJobDeps });
  registerEventsRoutes(app, authenticator, deps.eventStore, deps.config.dataDir);
  registerExportRoutes(app, authenticator, { db: deps.metaDb, store: deps.eventStore, dataDir: deps.config.dataDir, logger: deps.logger });
  registerPersonsRoutes(app, authenticator, { db: deps.metaDb, persons: deps.persons, identity: deps.identity, eventStore: deps.eventStore, pipeline: deps.pipeline, logger: deps.logger });
  registerIngestionWarningsRoutes(app, authenticator, deps.eventStore);
  registerOrganizationResources(app, authenticator, { db: deps.metaDb, projects: deps.projects, eventStore: deps.eventStore, changePassword: accounts.changePassword });
  registerAnnotationRoutes(app, authenticator, { db: deps.metaDb, annotations: new AnnotationRepository(deps.metaDb) });
  registerDefinitionRoutes(app, authenticator, deps.metaDb);
  registerRecordingRoutes(app, authenticator, { db: deps.metaDb, store: deps.eventStore, persons: deps.persons });
  const stopRecordingSweep = startRecordingRetentionSweep(deps.eventStore, deps.metaDb, deps.logger);
  app.addHook('onClose', () => stopRecordingSweep());
  return app;
}
