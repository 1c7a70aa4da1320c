import type { DependencyLookup, EvaluationContext, Properties } from './evaluation-context.js';
import type { MatchOptions } from './match-property.js';

/**
 * What a condition's filters are matched against: the properties of the person or group the condition
 * aggregates on, plus the context for cohorts and flag dependencies.
 * @example { ctx, options: { mode: 'remote', now: ctx.now }, properties: ctx.personProperties }
 */
export interface FilterScope {
  ctx: EvaluationContext;
  options: MatchOptions;
  properties: Properties;
  dependencies?: DependencyLookup;
}
