import { HogQLError } from '../../hogql/hogql-error.js';
import type { ActorsPoint, ActorsSelection } from '../actors.js';
import type { InsightContext } from '../insight-context.js';
import type { InsightPlan } from '../insight-statement.js';

/** PostHog's PathsQuery (rest-api.md). Placeholder until the paths compiler lands. */
export interface PathsQuery {
  kind: 'PathsQuery';
  [field: string]: unknown;
}

/** Compiles a PathsQuery into statements and the shaping of their rows into PostHog's `results`. */
export async function planPaths(query: PathsQuery, ctx: InsightContext): Promise<InsightPlan> {
  void query;
  void ctx;
  throw new HogQLError('unsupported', 'PathsQuery is not supported yet');
}

/** The persons behind one point of a PathsQuery. */
export async function pathsActors(query: PathsQuery, point: ActorsPoint, ctx: InsightContext): Promise<ActorsSelection> {
  void query;
  void point;
  void ctx;
  throw new HogQLError('unsupported', 'Actors of PathsQuery are not supported yet');
}
