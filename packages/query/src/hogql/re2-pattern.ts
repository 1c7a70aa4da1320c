import { RE2JS } from 're2js';
import { HogQLError } from './hogql-error.js';

const MAX_PATTERN_LENGTH = 1_000;

/**
 * Refuses a regular expression ClickHouse's `match` (RE2) would not compile, so a bad pattern is a 400 naming what
 * is wrong rather than an engine error. It compiles the pattern with re2js, a port of RE2 itself (linear time, so a
 * hostile pattern cannot stall the check): `(?i)`, `[[:alpha:]]` and `\pL` pass; lookarounds and backreferences fail.
 * @example assertRe2Pattern('^https://', 'regex') // ok; assertRe2Pattern('(?=a)', 'regex') // throws HogQLError
 */
export function assertRe2Pattern(pattern: string, what: string): void {
  if (pattern.length > MAX_PATTERN_LENGTH) {
    throw new HogQLError('syntax_error', `The ${what} pattern is longer than ${MAX_PATTERN_LENGTH} characters`);
  }
  try {
    RE2JS.compile(pattern);
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^error parsing regexp: /, '') : 'invalid';
    throw new HogQLError('syntax_error', `Invalid regular expression in ${what}: ${reason}`);
  }
}

/**
 * Escapes text so a regular expression matches it literally (RE2 accepts a backslash before any ASCII punctuation).
 * @example escapeRegex('a.b*') // => 'a\\.b\\*'
 */
export function escapeRegex(text: string): string {
  return text.replace(/[!-/:-@[-`{-~]/g, '\\$&');
}
