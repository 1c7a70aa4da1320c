import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ActionDefinition } from '@warren/query/insights/insight-context';
import type { Logger } from 'pino';
import type { Authenticator } from '../auth/authenticator.js';
import type { PersonRepository } from '../identity/person-repository.js';
import type { ProjectRepository } from '../projects/project-repository.js';
import type { EventStore } from '../storage/event-store.js';
import type { MetaDb } from '../storage/meta-schema.js';
import { CohortCalculator } from './cohort-calculator.js';
import { CohortPeopleStore } from './cohort-people-store.js';
import { registerCohortPersonsRoutes } from './cohort-persons-routes.js';
import { CohortRefresher } from './cohort-refresher.js';
import { CohortRepository } from './cohort-repository.js';
import { registerCohortRoutes } from './cohort-routes.js';
import { FlagCohorts } from './flag-cohorts.js';
import { ProjectCohorts } from './project-cohorts.js';
import { StaticCohortMembers } from './static-cohort-members.js';

/** What other capabilities read of cohorts: insight filters (`projectCohorts`) and flag conditions (`flagCohorts`). */
export interface CohortServices {
  repository: CohortRepository;
  people: CohortPeopleStore;
  projectCohorts: ProjectCohorts;
  flagCohorts: FlagCohorts;
}

/**
 * The cohort stores and caches, made before flags and queries so both can read cohorts.
 * @example const cohorts = createCohortServices(db, eventStore); new ProjectFlags(flags, groups, undefined, cohorts.flagCohorts)
 */
export function createCohortServices(db: MetaDb, store: EventStore): CohortServices {
  const repository = new CohortRepository(db);
  const people = new CohortPeopleStore(store);
  const projectCohorts = new ProjectCohorts(repository);
  return { repository, people, projectCohorts, flagCohorts: new FlagCohorts(projectCohorts, people) };
}

export interface CohortRegistrationDeps {
  services: CohortServices;
  db: MetaDb;
  store: EventStore;
  projects: Pick<ProjectRepository, 'findById'>;
  persons: PersonRepository;
  actions: { forProject(teamId: number): Promise<ReadonlyMap<number, ActionDefinition>> };
  /** The flag sets to reload when a cohort's members change. */
  projectFlags: { invalidate(teamId: number): void; forProject(teamId: number): Promise<unknown> };
  logger: Logger;
  refreshIntervalMs: number;
}

/** Upload limits of the static cohort form: one CSV file, as large as any other request body. */
const UPLOAD_LIMITS = { fileSize: 20 * 1024 * 1024, files: 1, fields: 50, fieldSize: 1024 * 1024 };

/**
 * `/cohorts/` and its persons, with multipart forms accepted on these routes only, and the background refresher
 * (started when the app is ready, stopped when it closes).
 */
export async function registerCohorts(app: FastifyInstance, authenticator: Authenticator, deps: CohortRegistrationDeps): Promise<void> {
  const { repository: cohorts, people, projectCohorts } = deps.services;
  const calculator = new CohortCalculator({
    cohorts,
    people,
    store: deps.store,
    projects: deps.projects,
    actions: deps.actions,
    projectCohorts,
    logger: deps.logger,
    onChange: (teamId) => {
      deps.projectFlags.invalidate(teamId);
      // Reload the flag set (and its membership index) now rather than in the next /flags request.
      deps.projectFlags.forProject(teamId).catch((error: unknown) => deps.logger.warn({ teamId, err: String(error) }, 'flag set reload failed'));
    },
  });
  const statics = new StaticCohortMembers({ db: deps.db, store: deps.store, cohorts, people, calculator });
  await app.register(async (scope) => {
    await scope.register(multipart, { attachFieldsToBody: 'keyValues', limits: UPLOAD_LIMITS });
    registerCohortRoutes(scope, authenticator, { db: deps.db, cohorts, projectCohorts, calculator, statics, actions: deps.actions });
    registerCohortPersonsRoutes(scope, authenticator, { cohorts, people, persons: deps.persons, statics });
  });
  const refresher = new CohortRefresher(cohorts, calculator, deps.refreshIntervalMs, deps.logger);
  app.addHook('onReady', () => refresher.start());
  app.addHook('onClose', () => refresher.stop());
}
