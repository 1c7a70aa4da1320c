import { HogQLError } from '../../hogql/hogql-error.js';
import type { ActorsPoint, ActorsSelection } from '../actors.js';
import type { InsightContext } from '../insight-context.js';
import type { InsightPlan } from '../insight-statement.js';

/** PostHog's FunnelsQuery (rest-api.md). Placeholder until the funnels compiler lands. */
export interface FunnelsQuery {
  kind: 'FunnelsQuery';
  [field: string]: unknown;
}

/** Compiles a FunnelsQuery into statements and the shaping of their rows into PostHog's `results`. */
export async function planFunnels(query: FunnelsQuery, ctx: InsightContext): Promise<InsightPlan> {
  void query;
  void ctx;
  throw new HogQLError('unsupported', 'FunnelsQuery is not supported yet');
}

/** The persons behind one point of a FunnelsQuery. */
export async function funnelsActors(query: FunnelsQuery, point: ActorsPoint, ctx: InsightContext): Promise<ActorsSelection> {
  void query;
  void point;
  void ctx;
  throw new HogQLError('unsupported', 'Actors of FunnelsQuery are not supported yet');
}
