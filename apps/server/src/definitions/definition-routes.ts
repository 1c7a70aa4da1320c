import type { FastifyInstance } from 'fastify';
import type { Authenticator } from '../auth/authenticator.js';
import type { MetaDb } from '../storage/meta-schema.js';
import { EventDefinitionRepository } from './event-definition-repository.js';
import { registerEventDefinitionRoutes } from './event-definition-routes.js';
import { PropertyDefinitionRepository } from './property-definition-repository.js';
import { registerPropertyDefinitionRoutes } from './property-definition-routes.js';

/** `/event_definitions/` and `/property_definitions/` over the meta store. */
export function registerDefinitionRoutes(app: FastifyInstance, authenticator: Authenticator, db: MetaDb): void {
  registerEventDefinitionRoutes(app, authenticator, { db, eventDefinitions: new EventDefinitionRepository(db) });
  registerPropertyDefinitionRoutes(app, authenticator, { db, propertyDefinitions: new PropertyDefinitionRepository(db) });
}
