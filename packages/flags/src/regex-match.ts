import { RE2JS } from 're2js';
import { InconclusiveMatchError } from './inconclusive-match-error.js';
import { scanPortableRegex } from './regex-portability.js';
import type { EvaluationMode } from './evaluation-context.js';

// Compiling is the expensive part; flags reuse a handful of patterns across every request.
const MAX_CACHED = 1000;
const compiled = new Map<string, RE2JS | null>();

function compileRe2(pattern: string): RE2JS | null {
  if (compiled.has(pattern)) return compiled.get(pattern)!;
  let regex: RE2JS | null = null;
  try {
    regex = RE2JS.compile(pattern);
  } catch {
    regex = null;
  }
  if (compiled.size >= MAX_CACHED) compiled.clear();
  compiled.set(pattern, regex);
  return regex;
}

function requiresServer(message: string): InconclusiveMatchError {
  return new InconclusiveMatchError(message, 'unsupported_definition', true);
}

/**
 * Matches `value` against `pattern` with RE2 (linear time: a hostile pattern cannot stall the process).
 * Null when the pattern does not compile (both `regex` and `not_regex` then fail to match, as in PostHog).
 * In `local` mode, throws where posthog-node would leave the regex to the server.
 * @example matchRegex('^\\d{3}-\\d{4}$', '555-1234', 'remote') // true
 */
export function matchRegex(pattern: string, value: string, mode: EvaluationMode): boolean | null {
  if (pattern === '') return true;
  // The SDK treats a pattern its own engine rejects as "no match".
  if (mode === 'local' && !sdkWouldMatchLocally(pattern, value)) return null;
  const regex = compileRe2(pattern);
  if (regex === null) {
    if (mode === 'local') throw requiresServer('Regex compiles in JavaScript but not in RE2');
    return null;
  }
  return regex.test(value);
}

// False when the SDK's engine rejects the pattern; throws where the SDK defers to the server.
function sdkWouldMatchLocally(pattern: string, value: string): boolean {
  const scan = scanPortableRegex(pattern);
  if (scan === null) throw requiresServer('Regex syntax requires server evaluation');
  if (!compilesInJavaScript(pattern, '')) return false;
  if (!scan.classes.every((characterClass) => compilesInJavaScript(characterClass, 'u'))) {
    throw requiresServer('Regex character class syntax requires server evaluation');
  }
  if (/[^\x00-\x7f]|\r/.test(value)) throw requiresServer('Regex on Unicode or carriage returns requires the server');
  return true;
}

function compilesInJavaScript(pattern: string, flags: string): boolean {
  try {
    new RegExp(pattern, flags);
    return true;
  } catch {
    return false;
  }
}
