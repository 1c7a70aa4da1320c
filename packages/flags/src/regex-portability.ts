// posthog-node evaluates a regex locally only inside a subset of syntax on which JavaScript's engine and the
// flags service's engine agree; anything else it leaves to the server. This file decides membership of that
// subset (ASCII only, `(?:` as the only group modifier, no back-references, no word boundaries outside a
// class, no possessive-looking quantifiers, well-formed counted repetition) so `local` mode gives up exactly
// where the SDK does. Warren itself always matches with RE2.

const SIMPLE_ESCAPES = new Set('dDsSwWfnrtv');
// Escaped ASCII punctuation is a literal in both engines, except \< and \> (word boundaries in Rust).
const LITERAL_PUNCTUATION = /^[\x20-\x2f:;=?@\x5b-\x60\x7b-\x7e]$/;
const COUNTED_REPETITION = /^\{(\d+)(?:,(\d*))?\}/;
// RE2 refuses counts above 1000, which JavaScript accepts; such a pattern cannot be matched the SDK's way.
const MAX_REPEAT = 1000;

/** The regex's character classes (for a separate validity check), or null when it is outside the subset. */
export interface PortabilityScan {
  classes: string[];
}

/**
 * Scans a pattern for the syntax subset posthog-node evaluates locally; null means "leave it to the server".
 * @example scanPortableRegex('^[a-z]+@acme\\.com$') // { classes: ['[a-z]'] }
 */
export function scanPortableRegex(pattern: string): PortabilityScan | null {
  const state = { classes: [] as string[], classStart: -1, previous: '' };
  for (let i = 0; i < pattern.length; i++) {
    if (pattern.charCodeAt(i) > 0x7f) return null;
    const next = state.classStart === -1 ? stepOutsideClass(pattern, i, state) : stepInsideClass(pattern, i, state);
    if (next === null) return null;
    i = next;
  }
  return { classes: state.classes };
}

type ScanState = { classes: string[]; classStart: number; previous: string };

function stepEscape(pattern: string, i: number, inClass: boolean): number | null {
  const escaped = pattern[i + 1];
  if (escaped === undefined) return pattern.length; // a trailing backslash fails to compile later
  if (escaped === 'x') return /^[\da-f]{2}$/i.test(pattern.slice(i + 2, i + 4)) ? i + 3 : null;
  if (escaped === 'b' || escaped === 'B') return inClass ? i + 1 : null;
  return SIMPLE_ESCAPES.has(escaped) || LITERAL_PUNCTUATION.test(escaped) ? i + 1 : null;
}

function stepInsideClass(pattern: string, i: number, state: ScanState): number | null {
  const char = pattern[i];
  if (char === '\\') return stepEscape(pattern, i, true);
  if (char === '[') return null;
  if (['&&', '--', '~~'].includes(pattern.slice(i, i + 2))) return null;
  if (char === ']') {
    const contentStart = state.classStart + (pattern[state.classStart + 1] === '^' ? 2 : 1);
    if (i === contentStart) return null; // `[]` / `[^]` mean different things in the two engines
    state.classes.push(pattern.slice(state.classStart, i + 1));
    state.classStart = -1;
    state.previous = 'atom';
  }
  return i;
}

function stepOutsideClass(pattern: string, i: number, state: ScanState): number | null {
  const char = pattern[i];
  if (char === '\\') {
    const end = stepEscape(pattern, i, false);
    state.previous = 'atom';
    return end;
  }
  if (char === '[') {
    state.classStart = i;
    return i;
  }
  if ('*+?{'.includes(char) && ['^', '$', 'empty-group'].includes(state.previous)) return null;
  let end = i;
  if (char === '(' && pattern[i + 1] === '?') {
    if (pattern[i + 2] !== ':') return null;
    end = i + 2;
  } else if (char === '{') {
    if (!isCountedRepetition(pattern.slice(i), state.previous)) return null;
  } else if ('*+?}'.includes(char) && (pattern[i + 1] === '+' || pattern[i + 1] === '{')) {
    return null;
  }
  state.previous = char === ')' && ['(', 'empty-group'].includes(state.previous) ? 'empty-group' : char;
  return end;
}

function isCountedRepetition(rest: string, previous: string): boolean {
  const match = COUNTED_REPETITION.exec(rest);
  if (!match || ['', '|', '('].includes(previous)) return false;
  return [match[1], match[2]].every((count) => count === undefined || count === '' || Number(count) <= MAX_REPEAT);
}
