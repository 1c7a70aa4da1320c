import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildApp, type AppDeps } from './app.js';
import { DefinitionsRecorder } from './definitions/definitions-recorder.js';
import { EventDefinitionRepository } from './definitions/event-definition-repository.js';
import { PropertyDefinitionRepository } from './definitions/property-definition-repository.js';
import { IdentityProcessor } from './identity/identity-processor.js';
import { KyselyIdentityStores } from './identity/identity-stores.js';
import { KyselyPersonRepository } from './identity/kysely-person-repository.js';
import { CaptureWorkerPool } from './ingest/capture-worker-pool.js';
import { CookielessSalts } from './ingest/cookieless-salts.js';
import { IngestPipeline } from './ingest/ingest-pipeline.js';
import { DEFAULT_INGEST_LIMITS } from './ingest/limits.js';
import { WriteAheadLog } from './ingest/write-ahead-log.js';
import type { Config } from './platform/config.js';
import { Metrics } from './platform/metrics.js';
import { bootstrapInstall, type BootstrapResult } from './projects/bootstrap-install.js';
import { ProjectRepository } from './projects/project-repository.js';
import { ChdbEventStore } from './storage/chdb-event-store.js';
import { openPostgresMetaDb, openSqliteMetaDb } from './storage/open-meta-db.js';

export interface Warren {
  app: FastifyInstance;
  deps: AppDeps;
  bootstrap: BootstrapResult;
  /** Stops taking requests, flushes what was acknowledged, closes the stores. */
  close(): Promise<void>;
}

/** Opens storage under the data dir, bootstraps an empty install, replays the write-ahead log and builds the app. */
export async function startWarren(config: Config, logger: Logger): Promise<Warren> {
  const metrics = new Metrics();
  const eventStore = new ChdbEventStore(config.dataDir);
  await eventStore.migrate();
  const metaDb = config.databaseUrl ? await openPostgresMetaDb(config.databaseUrl) : await openSqliteMetaDb(config.dataDir);
  const bootstrap = await bootstrapInstall(metaDb, config.bootstrap);
  const projects = new ProjectRepository(metaDb);
  const persons = new KyselyPersonRepository(metaDb);
  const identity = new IdentityProcessor(new KyselyIdentityStores(metaDb));
  const { wal, recovered } = await WriteAheadLog.open(path.join(config.dataDir, 'wal'), { fsync: config.ingest.fsync });
  const definitions = new DefinitionsRecorder(new EventDefinitionRepository(metaDb), new PropertyDefinitionRepository(metaDb), metrics.registry, logger);
  const pipeline = new IngestPipeline(wal, eventStore, identity, metrics, logger, {
    flushIntervalMs: config.ingest.flushIntervalMs,
    flushMaxEvents: config.ingest.flushMaxEvents,
    quarantineDir: path.join(config.dataDir, 'quarantine'),
    onStored: definitions.observe,
  });
  definitions.start();
  metrics.measureLagWith(() => pipeline.lagSeconds());
  await pipeline.start(recovered);
  const onWorkerError = (error: Error) => logger.error({ err: error }, 'a capture worker failed; the others (or the main thread) decode instead');
  const captureWorkers = config.ingest.workers > 0 ? new CaptureWorkerPool(config.ingest.workers, DEFAULT_INGEST_LIMITS, onWorkerError) : null;
  captureWorkers?.setProjects(await projects.captureProjects());
  if (captureWorkers) projects.onChange(async () => captureWorkers.replaceProjects(await projects.captureProjects()));
  const cookielessSalts = new CookielessSalts(path.join(config.dataDir, 'cookieless-salts.json'));
  await cookielessSalts.start();
  const deps: AppDeps = { config, logger, metrics, eventStore, metaDb, projects, persons, identity, pipeline, captureWorkers, cookielessSalts };
  const app = await buildApp(deps);
  return {
    app,
    deps,
    bootstrap,
    async close() {
      // server.close() waits for busy keep-alive connections; sweep them as they go idle so a stop takes seconds.
      const sweep = setInterval(() => app.server.closeIdleConnections(), 100);
      await app.close().finally(() => clearInterval(sweep));
      await pipeline.stop();
      await definitions.stop();
      await captureWorkers?.close();
      cookielessSalts.stop();
      await metaDb.destroy();
      await eventStore.close();
    },
  };
}
