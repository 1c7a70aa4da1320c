import { hCall, hConstant, type HExpr } from '../hogql/hogql-ast.js';
import { HogQLError } from '../hogql/hogql-error.js';
import { assertRe2Pattern } from '../hogql/re2-pattern.js';
import type { InsightContext } from '../insights/insight-context.js';

/** One path cleaning rule: every match of `regex` in a path becomes `alias` (PostHog's `PathCleaningFilter`). */
export interface PathCleaningRule {
  regex: string;
  alias: string;
}

/**
 * A context that may carry the project's path cleaning rules, in order. The server does not load any yet (projects
 * have no such setting), so `doPathCleaning` leaves paths as they are until it does; the rules are read here so
 * that adding the setting is the loader's change alone.
 */
export type PathCleaningContext = InsightContext & { pathCleaningRules?: readonly PathCleaningRule[] };

const MAX_RULES = 100;

/**
 * The rules `doPathCleaning` applies: the context's, checked as RE2 patterns, or none when not asked.
 * @example pathCleaningRules(true, { ...ctx, pathCleaningRules: [{ regex: '/\\d+', alias: '/:id' }] }) // one rule
 */
export function pathCleaningRules(doPathCleaning: boolean, ctx: PathCleaningContext): readonly PathCleaningRule[] {
  if (!doPathCleaning) return [];
  const rules = ctx.pathCleaningRules ?? [];
  if (rules.length > MAX_RULES) throw new HogQLError('unsupported', `At most ${MAX_RULES} path cleaning rules apply`);
  rules.forEach((rule, index) => assertRe2Pattern(rule.regex, `pathCleaningRules[${index}].regex`));
  return rules;
}

/**
 * A path with every rule applied in order; pattern and replacement are bound values, never SQL text.
 * @example cleanPath(hField('properties', '$pathname'), [{ regex: '/\\d+', alias: '/:id' }]) // replaceRegexpAll(…, '/\\d+', '/:id')
 */
export function cleanPath(path: HExpr, rules: readonly PathCleaningRule[]): HExpr {
  return rules.reduce<HExpr>((expr, rule) => hCall('replaceRegexpAll', expr, hConstant(rule.regex), hConstant(rule.alias)), path);
}
