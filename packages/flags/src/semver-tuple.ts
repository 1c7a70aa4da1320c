/** (major, minor, patch); PostHog compares versions as this tuple only. */
export type SemverTuple = [number, number, number];

/**
 * `strict` (posthog-node) rejects a numeric part with a leading zero; `lenient` (the flags service) reads
 * `3.08` as 3.8.0.
 */
export type SemverPolicy = 'strict' | 'lenient';

function parsePart(part: string | undefined, policy: SemverPolicy): number | null {
  if (part === undefined || part === '') return 0;
  if (!/^\d+$/.test(part)) return null;
  if (policy === 'strict' && part.length > 1 && part.startsWith('0')) return null;
  return parseInt(part, 10);
}

/**
 * Parses a version the PostHog way: trim, drop a leading v/V and any -pre/+build suffix, missing parts are 0.
 * @example parseSemver('v1.2-beta', 'strict') // [1, 2, 0]
 */
export function parseSemver(value: string, policy: SemverPolicy): SemverTuple | null {
  const text = value.trim();
  const from = text.charCodeAt(0) === V || text.charCodeAt(0) === LOWER_V ? 1 : 0;
  // The base ends at the first '-' or '+' (the pre-release or build suffix).
  let end = text.length;
  const dash = text.indexOf('-', from);
  if (dash !== -1) end = dash;
  const plus = text.indexOf('+', from);
  if (plus !== -1 && plus < end) end = plus;
  if (end === from || text.charCodeAt(from) === DOT) return null;
  // Dot-separated parts of the base; only the first three count, an absent one is 0.
  const dot1 = text.indexOf('.', from);
  const majorEnd = dot1 === -1 || dot1 > end ? end : dot1;
  const major = parsePart(text.slice(from, majorEnd), policy);
  if (major === null) return null;
  if (majorEnd === end) return [major, 0, 0];
  const dot2 = text.indexOf('.', majorEnd + 1);
  const minorEnd = dot2 === -1 || dot2 > end ? end : dot2;
  const minor = parsePart(text.slice(majorEnd + 1, minorEnd), policy);
  if (minor === null) return null;
  if (minorEnd === end) return [major, minor, 0];
  const dot3 = text.indexOf('.', minorEnd + 1);
  const patch = parsePart(text.slice(minorEnd + 1, dot3 === -1 || dot3 > end ? end : dot3), policy);
  return patch === null ? null : [major, minor, patch];
}
const V = 86;
const LOWER_V = 118;
const DOT = 46;

/**
 * Orders two version tuples: negative, zero or positive.
 * @example compareSemver([1, 2, 0], [1, 10, 0]) // < 0
 */
export function compareSemver(a: SemverTuple, b: SemverTuple): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** A half-open version range [lower, upper). */
export interface SemverRange {
  lower: SemverTuple;
  upper: SemverTuple;
}

/**
 * The range a `semver_tilde` / `semver_caret` / `semver_wildcard` filter value stands for, or null.
 * @example semverRange('semver_caret', '0.2.3', 'strict') // { lower: [0, 2, 3], upper: [0, 3, 0] }
 */
export function semverRange(operator: string, value: string, policy: SemverPolicy): SemverRange | null {
  if (operator === 'semver_wildcard') return wildcardRange(value, policy);
  const parsed = parseSemver(value, policy);
  if (!parsed) return null;
  const [major, minor, patch] = parsed;
  if (operator === 'semver_tilde') return { lower: parsed, upper: [major, minor + 1, 0] };
  if (major > 0) return { lower: parsed, upper: [major + 1, 0, 0] };
  if (minor > 0) return { lower: parsed, upper: [0, minor + 1, 0] };
  return { lower: parsed, upper: [0, 0, patch + 1] };
}

function wildcardRange(value: string, policy: SemverPolicy): SemverRange | null {
  const text = value.trim().replace(/^[vV]/, '').replace(/\.\*$/, '').replace(/\*$/, '');
  if (!text) return null;
  const parts = text.split('.');
  const major = parts[0] === '' ? null : parsePart(parts[0], policy);
  if (major === null) return null;
  if (parts.length === 1) return { lower: [major, 0, 0], upper: [major + 1, 0, 0] };
  const minor = parts[1] === '' ? null : parsePart(parts[1], policy);
  return minor === null ? null : { lower: [major, minor, 0], upper: [major, minor + 1, 0] };
}

/**
 * Whether a version lies in [lower, upper).
 * @example inSemverRange([1, 4, 0], { lower: [1, 2, 3], upper: [2, 0, 0] }) // true
 */
export function inSemverRange(version: SemverTuple, range: SemverRange): boolean {
  return compareSemver(version, range.lower) >= 0 && compareSemver(version, range.upper) < 0;
}
