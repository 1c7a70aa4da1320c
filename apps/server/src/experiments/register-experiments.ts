import type { FastifyInstance } from 'fastify';
import type { Authenticator } from '../auth/authenticator.js';
import type { FlagRepository } from '../flags/flag-repository.js';
import type { ProjectFlags } from '../flags/project-flags.js';
import type { ActivityLog } from '../platform/activity-log.js';
import type { MetaDb } from '../storage/meta-schema.js';
import { ExperimentActions } from './experiment-actions.js';
import { ExperimentFlagWriter } from './experiment-flag-writer.js';
import { ExperimentLifecycle } from './experiment-lifecycle.js';
import { ExperimentRepository } from './experiment-repository.js';
import { registerExperimentRoutes } from './experiment-routes.js';
import { HoldoutRepository } from './holdout-repository.js';
import { registerHoldoutRoutes } from './holdout-routes.js';
import { SavedMetricRepository } from './saved-metric-repository.js';
import { registerSavedMetricRoutes } from './saved-metric-routes.js';

export interface ExperimentsDeps {
  db: MetaDb;
  flags: FlagRepository;
  projectFlags: ProjectFlags;
  activity: ActivityLog;
}

/** `/experiments/`, `/experiment_holdouts/` and `/experiment_saved_metrics/`, sharing one set of repositories. */
export function registerExperiments(app: FastifyInstance, authenticator: Authenticator, deps: ExperimentsDeps): { experiments: ExperimentRepository } {
  const experiments = new ExperimentRepository(deps.db);
  const holdouts = new HoldoutRepository(deps.db);
  const savedMetrics = new SavedMetricRepository(deps.db);
  const flagWriter = new ExperimentFlagWriter({ flags: deps.flags, projectFlags: deps.projectFlags, activity: deps.activity });
  const lifecycle = new ExperimentLifecycle({ experiments, holdouts, savedMetrics, flags: deps.flags, flagWriter, activity: deps.activity });
  registerExperimentRoutes(app, authenticator, { db: deps.db, experiments, holdouts, savedMetrics, flags: deps.flags, lifecycle, actions: new ExperimentActions(lifecycle, flagWriter), activity: deps.activity });
  registerHoldoutRoutes(app, authenticator, { db: deps.db, holdouts, lifecycle, activity: deps.activity });
  registerSavedMetricRoutes(app, authenticator, { db: deps.db, savedMetrics, activity: deps.activity });
  return { experiments };
}
