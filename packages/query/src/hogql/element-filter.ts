import { selectorRegex } from './element-selector.js';
import { textOf } from './filter-target.js';
import { hCall, hConstant, hField, hNot, hOr, type HExpr, type HLambda } from './hogql-ast.js';
import { HogQLError } from './hogql-error.js';
import type { PropertyFilterOptions, PropertyValue } from './property-filter.js';
import { positiveCondition, splitOperator } from './property-operators.js';
import { escapeRegex } from './re2-pattern.js';

const CHAIN = hField('elements_chain');
const ITEM = 'element_value';

/**
 * An `element` filter on the autocapture elements chain: `tag_name` and `selector` (exact / is_not) match the chain
 * with a regular expression; `text` and `href` take any string operator and match when any element's text or link
 * does (their negations when none does).
 * @example elementCondition('tag_name', 'exact', ['button'], {}) // match(elements_chain, '(^|;)button([.:;]|$)')
 */
export function elementCondition(key: string, operator: string, values: readonly PropertyValue[], options: PropertyFilterOptions): HExpr {
  const split = splitOperator(operator);
  let positive: HExpr;
  if (key === 'tag_name' || key === 'selector') {
    if (split.operator !== 'exact') throw new HogQLError('unsupported', `Element ${key} filters take exact or is_not, not ${operator}`);
    const regex = (v: PropertyValue) => (key === 'selector' ? selectorRegex(textOf(v)) : `(^|;)${escapeRegex(textOf(v))}([.:;]|$)`);
    positive = hOr(values.map((v) => hCall('match', CHAIN, hConstant(regex(v)))));
  } else if (key === 'text' || key === 'href') {
    const all = attributeValues(key);
    if (split.operator === 'is_set' || split.operator === 'is_not_set') return hCall(split.operator === 'is_set' ? 'notEmpty' : 'empty', all);
    const lambda: HLambda = { node: 'Lambda', args: [ITEM], expr: positiveCondition({ expr: hField(ITEM), type: 'string' }, split.operator, values, options) };
    positive = hCall('arrayExists', lambda, all);
  } else {
    throw new HogQLError('unsupported', `Element filters take the key tag_name, text, href or selector, not ${key}`);
  }
  return split.negated ? hNot(positive) : positive;
}

/** Every `text="…"` (or `href="…"`) value in the chain, unescaped. */
function attributeValues(attribute: 'text' | 'href'): HExpr {
  const found = hCall('extractAll', CHAIN, hConstant(`(?::|")${attribute}="((?:[^"\\\\]|\\\\.)*)"`));
  const unescape: HLambda = { node: 'Lambda', args: ['v'], expr: hCall('replaceAll', hField('v'), hConstant('\\"'), hConstant('"')) };
  return hCall('arrayMap', unescape, found);
}
