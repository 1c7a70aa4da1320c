import { InconclusiveMatchError, type UnresolvedReason } from './inconclusive-match-error.js';
import { textOf } from './value-text.js';

/** Who supplied a value: the flag definition (`filter`) or the evaluation call (`context`). */
export type ValueSide = 'filter' | 'context';

/**
 * Options for stringifying: `strict` throws where JavaScript cannot reproduce the flags service's spelling
 * (integers, which it prints without knowing whether JSON held `5` or `5.0`; lone surrogates; non-JSON values).
 */
export interface StringifyOptions {
  strict: boolean;
  side: ValueSide;
}

const reasonFor = (side: ValueSide): UnresolvedReason => (side === 'filter' ? 'unsupported_definition' : 'missing_context');

/**
 * The string `exact`/`is_not` compare: strings as-is, other JSON as compact JSON with sorted object keys.
 * @example exactMatchString(['a', true], { strict: false, side: 'context' }) // '["a",true]'
 */
export function exactMatchString(value: unknown, options: StringifyOptions): string {
  if (typeof value === 'string') {
    if (options.strict) assertScalarString(value, options.side);
    return value;
  }
  return serializeJson(value, options, new Set());
}

function serializeJson(value: unknown, options: StringifyOptions, seen: Set<object>): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') {
    if (options.strict) assertScalarString(value, options.side);
    return JSON.stringify(value);
  }
  if (typeof value === 'number') return serializeNumber(value, options);
  if (typeof value === 'object' && !seen.has(value)) {
    seen.add(value);
    try {
      if (Array.isArray(value)) return `[${value.map((item) => serializeJson(item ?? null, options, seen)).join(',')}]`;
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).sort(compareCodePoints);
      return `{${keys.map((key) => `${JSON.stringify(key)}:${serializeJson(record[key], options, seen)}`).join(',')}}`;
    } finally {
      seen.delete(value);
    }
  }
  if (options.strict) throw new InconclusiveMatchError(`Cannot stringify ${typeof value}`, reasonFor(options.side));
  return textOf(value);
}

function serializeNumber(value: number, options: StringifyOptions): string {
  if (options.strict && (!Number.isFinite(value) || Number.isInteger(value))) {
    throw new InconclusiveMatchError(`Cannot tell integer ${value} from an integral float locally`, reasonFor(options.side));
  }
  return textOf(value);
}

function assertScalarString(value: string, side: ValueSide): void {
  // A lone surrogate cannot be encoded as UTF-8, so the flags service never sees the same string.
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value)) {
    throw new InconclusiveMatchError('Cannot stringify an unpaired surrogate', reasonFor(side));
  }
}

// JSON object keys sort by Unicode code point, not by UTF-16 unit as Array.prototype.sort does.
function compareCodePoints(left: string, right: string): number {
  const a = Array.from(left);
  const b = Array.from(right);
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const diff = a[i].codePointAt(0)! - b[i].codePointAt(0)!;
    if (diff !== 0) return diff;
  }
  return a.length - b.length;
}

/**
 * Whether a value is boolean-like: a boolean, "true"/"false" in any case, or an array of only those.
 * @example isBooleanLike(['True', false]) // true
 */
export function isBooleanLike(value: unknown): boolean {
  if (typeof value === 'boolean') return true;
  if (typeof value === 'string') return value.toLowerCase() === 'true' || value.toLowerCase() === 'false';
  return Array.isArray(value) && value.every((item) => isBooleanLike(item ?? null));
}

/**
 * Truthiness for boolean-like comparison: true, "true" (any case), or an array of only truthy items.
 * @example isTruthyValue('TRUE') // true
 */
export function isTruthyValue(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') return value.toLowerCase() === 'true';
  return Array.isArray(value) && value.every((item) => isTruthyValue(item ?? null));
}

/**
 * Throws (strict mode) when a value holds something JSON cannot carry to the flags service unchanged:
 * a non-finite number or a lone surrogate. Integers are fine here; only their spelling is ambiguous.
 * @example assertJsonRepresentable({ a: [1, 'x'] }, 'context') // passes
 */
export function assertJsonRepresentable(value: unknown, side: ValueSide): void {
  if (typeof value === 'string') return assertScalarString(value, side);
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new InconclusiveMatchError(`Cannot represent ${value}`, reasonFor(side));
  }
  if (Array.isArray(value)) value.forEach((item) => assertJsonRepresentable(item, side));
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      assertScalarString(key, side);
      assertJsonRepresentable(item, side);
    }
  }
}
