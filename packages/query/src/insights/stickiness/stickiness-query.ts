import { HogQLError } from '../../hogql/hogql-error.js';
import type { ActorsPoint, ActorsSelection } from '../actors.js';
import type { InsightContext } from '../insight-context.js';
import type { InsightPlan } from '../insight-statement.js';

/** PostHog's StickinessQuery (rest-api.md). Placeholder until the stickiness compiler lands. */
export interface StickinessQuery {
  kind: 'StickinessQuery';
  [field: string]: unknown;
}

/** Compiles a StickinessQuery into statements and the shaping of their rows into PostHog's `results`. */
export async function planStickiness(query: StickinessQuery, ctx: InsightContext): Promise<InsightPlan> {
  void query;
  void ctx;
  throw new HogQLError('unsupported', 'StickinessQuery is not supported yet');
}

/** The persons behind one point of a StickinessQuery. */
export async function stickinessActors(query: StickinessQuery, point: ActorsPoint, ctx: InsightContext): Promise<ActorsSelection> {
  void query;
  void point;
  void ctx;
  throw new HogQLError('unsupported', 'Actors of StickinessQuery are not supported yet');
}
