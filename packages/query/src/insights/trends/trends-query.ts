import { HogQLError } from '../../hogql/hogql-error.js';
import type { ActorsPoint, ActorsSelection } from '../actors.js';
import type { InsightContext } from '../insight-context.js';
import type { InsightPlan } from '../insight-statement.js';

/** PostHog's TrendsQuery (rest-api.md). Placeholder until the trends compiler lands. */
export interface TrendsQuery {
  kind: 'TrendsQuery';
  [field: string]: unknown;
}

/** Compiles a TrendsQuery into statements and the shaping of their rows into PostHog's `results`. */
export async function planTrends(query: TrendsQuery, ctx: InsightContext): Promise<InsightPlan> {
  void query;
  void ctx;
  throw new HogQLError('unsupported', 'TrendsQuery is not supported yet');
}

/** The persons behind one point of a TrendsQuery. */
export async function trendsActors(query: TrendsQuery, point: ActorsPoint, ctx: InsightContext): Promise<ActorsSelection> {
  void query;
  void point;
  void ctx;
  throw new HogQLError('unsupported', 'Actors of TrendsQuery are not supported yet');
}
