import { HogQLError } from '../../hogql/hogql-error.js';
import type { ActorsPoint, ActorsSelection } from '../actors.js';
import type { InsightContext } from '../insight-context.js';
import type { InsightPlan } from '../insight-statement.js';

/** PostHog's LifecycleQuery (rest-api.md). Placeholder until the lifecycle compiler lands. */
export interface LifecycleQuery {
  kind: 'LifecycleQuery';
  [field: string]: unknown;
}

/** Compiles a LifecycleQuery into statements and the shaping of their rows into PostHog's `results`. */
export async function planLifecycle(query: LifecycleQuery, ctx: InsightContext): Promise<InsightPlan> {
  void query;
  void ctx;
  throw new HogQLError('unsupported', 'LifecycleQuery is not supported yet');
}

/** The persons behind one point of a LifecycleQuery. */
export async function lifecycleActors(query: LifecycleQuery, point: ActorsPoint, ctx: InsightContext): Promise<ActorsSelection> {
  void query;
  void point;
  void ctx;
  throw new HogQLError('unsupported', 'Actors of LifecycleQuery are not supported yet');
}
