import { breakdownRank } from './trends-breakdown.js';
import { evaluateFormula, formulaSeries } from './trends-formula.js';
import type { TrendResult } from './trends-shape.js';
import type { TrendsFormula, TrendsSpec } from './trends-spec.js';

/**
 * One formula over one period's results (`groups[i]` = series i's results): one result per breakdown value (or one in
 * all), labelled `Formula (…)` or the formula's custom name, with `action: null`. A series without a result for a
 * breakdown value counts as zeros there. Ordering follows PostHog: with a comparison by count, else real values by
 * total descending, then null, then Other.
 * @example applyFormulas(spec, { formula: 'A+B', … }, [[a], [b]])[0].data // a.data + b.data, bucket by bucket
 */
export function applyFormulas(spec: TrendsSpec, formula: TrendsFormula, groups: readonly TrendResult[][]): TrendResult[] {
  if (groups.length === 0) return [];
  if (spec.breakdowns.length === 0) {
    const row = groups.map((results) => results[0]).filter((r): r is TrendResult => r !== undefined);
    return row.length > 0 ? [compute(spec, formula, row)] : [];
  }
  const values = new Map<string, unknown>();
  for (const results of groups) for (const r of results) values.set(JSON.stringify(r.breakdown_value), r.breakdown_value);
  const keys = [...values.keys()].sort((a, b) => naturalCompare(values.get(a), values.get(b)));
  const computed = keys.map((key) => {
    const template = groups.flat().find((r) => JSON.stringify(r.breakdown_value) === key) as TrendResult;
    const row = groups.map((results) => results.find((r) => JSON.stringify(r.breakdown_value) === key) ?? filler(template));
    return compute(spec, formula, row);
  });
  if (spec.compare) return computed.sort((a, b) => b.count - a.count);
  return computed.sort((a, b) => sortKey(b) - sortKey(a) || total(b) - total(a) || b.count - a.count);
}

function compute(spec: TrendsSpec, formula: TrendsFormula, row: readonly TrendResult[]): TrendResult {
  const base: TrendResult = { ...row[0], label: formula.customName || `Formula (${formula.formula})`, action: null };
  if (spec.totalValue) {
    base.aggregated_value = evaluateFormula(formula.ast, row.map((r) => r.aggregated_value ?? 0));
    base.data = [];
    base.count = 0;
  } else {
    base.data = formulaSeries(formula.ast, row.map((r) => r.data));
    base.count = base.data.reduce((a, b) => a + b, 0);
  }
  return base;
}

function filler(template: TrendResult): TrendResult {
  return { ...template, data: template.data.map(() => 0), count: 0, aggregated_value: 0, action: null };
}

/** 0 for real values, -1 for null, -2 for Other, so a descending sort puts them last. */
function sortKey(r: TrendResult): number {
  return -breakdownRank(r.breakdown_value);
}

function total(r: TrendResult): number {
  return r.aggregated_value ?? r.data.reduce((a, b) => a + b, 0);
}

/**
 * Natural, case-insensitive order (`item 2` before `item 10`), element-wise for arrays, as PostHog's natsort.
 * @example naturalCompare('b10', 'B9') // => 1
 */
export function naturalCompare(a: unknown, b: unknown): number {
  const left = Array.isArray(a) ? a.map(String) : [String(a)];
  const right = Array.isArray(b) ? b.map(String) : [String(b)];
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const diff = naturalCompareText(left[i], right[i]);
    if (diff !== 0) return diff;
  }
  return left.length - right.length;
}

function naturalCompareText(a: string, b: string): number {
  const chunks = (s: string) => s.toLowerCase().match(/\d+|\D+/g) ?? [];
  const left = chunks(a);
  const right = chunks(b);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const [x, y] = [left[i], right[i]];
    const numeric = /^\d/.test(x) && /^\d/.test(y);
    const diff = numeric ? Number(x) - Number(y) : x < y ? -1 : x > y ? 1 : 0;
    if (diff !== 0) return diff < 0 ? -1 : 1;
  }
  return left.length - right.length;
}
