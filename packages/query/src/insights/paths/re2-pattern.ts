import { HogQLError } from '../../hogql/hogql-error.js';

const MAX_PATTERN_LENGTH = 1_000;

/**
 * Refuses a regex ClickHouse (RE2) would not compile, so a bad cleaning rule is a 400 naming the field rather than an
 * engine error. One scan outside escapes and classes finds what JavaScript accepts but RE2 lacks (lookaround,
 * backreferences, `\u` and `\c` escapes) and rewrites RE2-only syntax (`(?i)` flags, `(?P<name>`) for JavaScript,
 * whose parser then catches syntax errors. The engine remains the final judge.
 * @example assertRe2Pattern('(?i)/item/\\d+', 'regex') // ok; assertRe2Pattern('(?=a)', 'regex') // throws
 */
export function assertRe2Pattern(pattern: string, name: string): void {
  if (pattern.length > MAX_PATTERN_LENGTH) throw invalid(name, `is longer than ${MAX_PATTERN_LENGTH} characters`);
  const scanned = scan(pattern);
  if (typeof scanned !== 'string') throw invalid(name, `uses ${scanned.unsupported}, which ClickHouse regular expressions (RE2) do not support`);
  try {
    new RegExp(scanned);
  } catch {
    throw invalid(name, 'is not a valid regular expression');
  }
}

/** The pattern in JavaScript syntax, or what RE2 cannot run in it. */
function scan(pattern: string): string | { unsupported: string } {
  let js = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '\\') {
      const next = pattern[i + 1] ?? '';
      if (/[1-9]/.test(next) || next === 'k') return { unsupported: 'a backreference' };
      if (next === 'u' || next === 'c') return { unsupported: `the escape \\${next}` };
      js += char + next;
      i++;
    } else if (inClass) {
      if (char === ']') inClass = false;
      js += char;
    } else if (char === '[') {
      inClass = true;
      // A leading ] is a member in RE2 but closes an empty class in JavaScript.
      const leading = /^\^?\]?/.exec(pattern.slice(i + 1))?.[0] ?? '';
      js += char + leading.replace(']', '\\]');
      i += leading.length;
    } else if (char === '(' && pattern[i + 1] === '?') {
      const rest = pattern.slice(i + 2);
      if (/^(=|!|<=|<!)/.test(rest)) return { unsupported: 'a lookaround' };
      const flags = /^[imsU-]+([:)])/.exec(rest);
      if (flags) {
        // Flags only change how text matches, not whether the pattern is well formed.
        js += flags[1] === ':' ? '(?:' : '';
        i += 1 + flags[0].length;
      } else {
        js += rest.startsWith('P<') ? '(?' : char;
        if (rest.startsWith('P<')) i += 2;
      }
    } else {
      js += char;
    }
  }
  return js;
}

function invalid(name: string, why: string): HogQLError {
  return new HogQLError('syntax_error', `${name} ${why}`);
}
