import { HogQLError } from '../../hogql/hogql-error.js';
import type { ActorsPoint, ActorsSelection } from '../actors.js';
import type { InsightContext } from '../insight-context.js';
import type { InsightPlan } from '../insight-statement.js';

/** PostHog's RetentionQuery (rest-api.md). Placeholder until the retention compiler lands. */
export interface RetentionQuery {
  kind: 'RetentionQuery';
  [field: string]: unknown;
}

/** Compiles a RetentionQuery into statements and the shaping of their rows into PostHog's `results`. */
export async function planRetention(query: RetentionQuery, ctx: InsightContext): Promise<InsightPlan> {
  void query;
  void ctx;
  throw new HogQLError('unsupported', 'RetentionQuery is not supported yet');
}

/** The persons behind one point of a RetentionQuery. */
export async function retentionActors(query: RetentionQuery, point: ActorsPoint, ctx: InsightContext): Promise<ActorsSelection> {
  void query;
  void point;
  void ctx;
  throw new HogQLError('unsupported', 'Actors of RetentionQuery are not supported yet');
}
