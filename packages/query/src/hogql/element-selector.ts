import { HogQLError } from './hogql-error.js';
import { escapeRegex } from './re2-pattern.js';

/** One compound selector (`button.primary#go[data-x="1"]`) and how it relates to the next one towards the target. */
interface Compound {
  tag?: string;
  classes: string[];
  /** Chain attribute name → required value (undefined: present with any value). */
  attributes: Map<string, string | undefined>;
  /** True when the next compound (towards the target) must be its direct child (`a > b`). */
  directParent: boolean;
}

const MAX_SELECTOR_LENGTH = 500;
// Inside one element: anything but the element separator, with quoted attribute values (which may hold `;`) skipped
// whole. Quotes inside a value are escaped as \" in the chain.
const QUOTED = '"(?:[^"\\\\]|\\\\.)*"';
const ATTRIBUTE = `[^=";:]+=${QUOTED}`;
const CLASS = '\\.[^.:;"]*';
const WHOLE_ELEMENTS = `(?:(?:[^;"]|${QUOTED})*;)*`;

/**
 * A CSS selector as an RE2 regular expression over the autocapture elements chain, whose first element is the one
 * clicked and the rest its ancestors, each `tag.class1.class2:attr="value"…` with classes and attributes sorted and
 * elements separated by `;`. Supports tags, `*`, `.class`, `#id`, `[attr]`, `[attr="value"]`, `:nth-child(n)`,
 * `:nth-of-type(n)` and the descendant (space) and child (`>`) combinators; anything else is refused.
 * @example selectorRegex('div > button.primary') // matches `button.primary.x:…;div:…`
 */
export function selectorRegex(selector: string): string {
  if (selector.length > MAX_SELECTOR_LENGTH) throw invalid(selector, 'it is too long');
  const compounds = parseSelector(selector);
  if (compounds.length === 0) throw invalid(selector, 'it is empty');
  // The chain lists the target first, so the selector is matched right to left.
  const ordered = [...compounds].reverse();
  let regex = '(?:^|;)';
  ordered.forEach((compound, index) => {
    // Between an element and this ancestor: nothing for a direct parent, else any number of whole elements.
    if (index > 0 && !compound.directParent) regex += WHOLE_ELEMENTS;
    regex += elementRegex(compound) + (index === ordered.length - 1 ? '(?:;|$)' : ';');
  });
  return regex;
}

function elementRegex(compound: Compound): string {
  const tag = compound.tag ? escapeRegex(compound.tag) : '[^.:;"]*';
  const classes = [...compound.classes].sort().map((c) => `(?:${CLASS})*\\.${escapeRegex(c)}`).join('') + `(?:${CLASS})*`;
  const required = [...compound.attributes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (required.length === 0) return `${tag}${classes}(?::(?:[^;"]|${QUOTED})*)?`;
  const attributes = required.map(([name, value]) => {
    const quoted = value === undefined ? QUOTED : `"${escapeRegex(value.replace(/"/g, '\\"'))}"`;
    return `(?:${ATTRIBUTE})*${escapeRegex(name)}=${quoted}`;
  });
  return `${tag}${classes}:${attributes.join('')}(?:${ATTRIBUTE})*`;
}

function parseSelector(selector: string): Compound[] {
  const compounds: Compound[] = [];
  let current: Compound | undefined;
  let i = 0;
  const text = selector.trim();
  const ident = (): string => {
    let out = '';
    while (i < text.length && /[^\s.#[\]:>+~,()"'=*]/.test(text[i])) {
      if (text[i] === '\\' && i + 1 < text.length) i++;
      out += text[i++];
    }
    if (!out) throw invalid(selector, `a name is expected at position ${i + 1}`);
    return out;
  };
  const open = (): Compound => {
    current ??= { classes: [], attributes: new Map(), directParent: false };
    return current;
  };
  while (i < text.length) {
    const char = text[i];
    if (/\s|>/.test(char)) {
      const start = i;
      while (i < text.length && /\s/.test(text[i])) i++;
      const child = text[i] === '>';
      if (child) i++;
      while (i < text.length && /\s/.test(text[i])) i++;
      if (!current || i >= text.length) throw invalid(selector, `a combinator needs a selector on both sides (position ${start + 1})`);
      current.directParent = child;
      compounds.push(current);
      current = undefined;
    } else if (char === '*' && !current) {
      i++;
      open();
    } else if (char === '.') {
      i++;
      open().classes.push(ident());
    } else if (char === '#') {
      i++;
      open().attributes.set('attr_id', ident());
    } else if (char === '[') {
      i = parseAttribute(text, i, open(), selector);
    } else if (char === ':') {
      i = parsePseudo(text, i, open(), selector);
    } else if (!current) {
      open().tag = ident().toLowerCase(); // the chain stores tag names in lower case
    } else {
      throw invalid(selector, `${char} at position ${i + 1} is not supported`);
    }
  }
  if (current) compounds.push(current);
  return compounds;
}

// The chain stores these attributes under their own names and every other one as attr__<name>.
const OWN_NAMES = new Set(['href', 'text', 'nth-child', 'nth-of-type']);

function parseAttribute(text: string, start: number, compound: Compound, selector: string): number {
  const match = /^\[\s*([\w-]+)\s*(?:=\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([^\s\]"']+))\s*)?\]/.exec(text.slice(start));
  if (!match) throw invalid(selector, `the attribute selector at position ${start + 1} is not supported`);
  const [whole, name, double, single, bare] = match;
  const raw = double ?? single ?? bare;
  const value = raw === undefined ? undefined : raw.replace(/\\(.)/g, '$1');
  compound.attributes.set(name === 'id' ? 'attr_id' : OWN_NAMES.has(name) ? name : `attr__${name}`, value);
  return start + whole.length;
}

function parsePseudo(text: string, start: number, compound: Compound, selector: string): number {
  const match = /^:(nth-child|nth-of-type)\(\s*(\d+)\s*\)/.exec(text.slice(start));
  if (!match) throw invalid(selector, `the pseudo-class at position ${start + 1} is not supported`);
  compound.attributes.set(match[1], match[2]);
  return start + match[0].length;
}

function invalid(selector: string, why: string): HogQLError {
  return new HogQLError('unsupported', `Unsupported element selector ${JSON.stringify(selector.slice(0, 100))}: ${why}`);
}
