import { textOf } from './filter-target.js';
import { hAnd, hCall, hCompare, hConstant, type HExpr, type HTuple } from './hogql-ast.js';
import { HogQLError } from './hogql-error.js';
import type { PropertyValue } from './property-filter.js';

type Version = readonly [major: number, minor: number, patch: number];

const COMPARE: Readonly<Record<string, string>> = {
  semver_eq: '==',
  semver_gt: '>',
  semver_gte: '>=',
  semver_lt: '<',
  semver_lte: '<=',
};

// A filter value: optional v, one to three numeric parts (more are ignored), an optional -pre or +build suffix.
const VALUE = /^[vV]?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.\d+)*(?:[-+].*)?$/;
// The same rule for stored values, in ClickHouse: each part of the version's numeric core ('' when absent).
const PARTS = ['^\\s*[vV]?(\\d+)', '^\\s*[vV]?\\d+\\.(\\d+)', '^\\s*[vV]?\\d+\\.\\d+\\.(\\d+)'];

/**
 * Semantic-version operators, comparing (major, minor, patch) as integers: missing parts are 0 (`1.2` = `1.2.0`), a
 * leading `v` and any `-pre` / `+build` suffix are ignored, and text that is no version never matches.
 * `semver_tilde` `~1.2.3` is ≥ 1.2.3 and < 1.3.0 (`~1` < 2.0.0); `semver_caret` `^1.2.3` < 2.0.0, `^0.2.3` < 0.3.0,
 * `^0.0.3` < 0.0.4; `semver_wildcard` `1.*` is ≥ 1.0.0 and < 2.0.0, `1.2.*` ≥ 1.2.0 and < 1.3.0.
 * @example semverCondition(hField('properties', 'app_version'), 'semver_gte', '1.2') // ifNull((…) >= (1, 2, 0), 0)
 */
export function semverCondition(text: HExpr, operator: string, value: PropertyValue): HExpr {
  const stored = storedVersion(text);
  if (Object.hasOwn(COMPARE, operator)) {
    return hCall('ifNull', hCompare(COMPARE[operator], stored, tuple(parseVersion(value, operator).version)), hConstant(0));
  }
  const [low, high] = rangeOf(operator, value);
  const within = hAnd([hCompare('>=', stored, tuple(low)), hCompare('<', stored, tuple(high))]);
  return hCall('ifNull', within, hConstant(0));
}

function rangeOf(operator: string, value: PropertyValue): [Version, Version] {
  // Accept the range written out (`~1.2`, `^1.2.3`, `1.2.*`) as well as bare.
  const text = textOf(value).trim();
  const source = operator === 'semver_wildcard' ? text.replace(/(\.[*xX])+$/, '') : text.replace(/^[~^]/, '');
  const { version, parts } = parseVersion(source, operator);
  const [major, minor, patch] = version;
  switch (operator) {
    case 'semver_tilde':
      return [version, parts === 1 ? [major + 1, 0, 0] : [major, minor + 1, 0]];
    case 'semver_caret':
      if (major > 0) return [version, [major + 1, 0, 0]];
      return [version, minor > 0 ? [0, minor + 1, 0] : [0, 0, patch + 1]];
    case 'semver_wildcard':
      if (parts === 1) return [version, [major + 1, 0, 0]];
      return [version, parts === 2 ? [major, minor + 1, 0] : [major, minor, patch + 1]];
    default:
      throw new HogQLError('unsupported', `Unsupported property operator: ${operator}`);
  }
}

function parseVersion(value: PropertyValue, operator: string): { version: Version; parts: number } {
  const match = VALUE.exec(textOf(value).trim());
  const numbers = match ? match.slice(1).filter((p) => p !== undefined).map(Number) : [];
  if (!match || numbers.some((n) => !Number.isSafeInteger(n))) {
    throw new HogQLError('unsupported', `Operator ${operator} needs a version like 1.2.3, got ${textOf(value).slice(0, 50)}`);
  }
  return { version: [numbers[0], numbers[1] ?? 0, numbers[2] ?? 0], parts: numbers.length };
}

/** The stored value as a (major, minor, patch) tuple; its major part is NULL when the value is no version. */
function storedVersion(text: HExpr): HTuple {
  const part = (index: number) => hCall('extract', hCall('ifNull', text, hConstant('')), hConstant(PARTS[index]));
  return {
    node: 'Tuple',
    exprs: [hCall('toInt64OrNull', part(0)), hCall('toInt64OrZero', part(1)), hCall('toInt64OrZero', part(2))],
  };
}

function tuple(version: Version): HTuple {
  return { node: 'Tuple', exprs: version.map((n) => hConstant(n)) };
}
