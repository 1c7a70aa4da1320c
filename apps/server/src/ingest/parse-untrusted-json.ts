/**
 * JSON text -> a value that is safe to hand around: depth-capped, null-prototype objects, no ±Infinity.
 */
import { badRequest, type DecodeResult } from './capture-errors.js';

/**
 * Above this many characters the text is scanned for nesting depth before JSON.parse. V8 parses deep nesting at
 * ~0.3 µs a level, so a 100 MB `[[[[…` would block for half a minute; below the threshold the worst case is a few
 * ms, while the scan costs about half a parse and is not worth paying on every small batch.
 */
const DEPTH_PRESCAN_MIN_CHARS = 64 * 1024;
const POSITION_IN_V8_MESSAGE = /position (\d+)/;

/**
 * Parses untrusted JSON text. Objects get a null prototype (so `__proto__` is an ordinary own key), numbers that
 * overflowed to ±Infinity (`1e400`) become null, nesting deeper than `maxDepth` is refused. Duplicate keys: the last
 * one wins (V8's behaviour). Errors never echo the payload.
 * @example parseUntrustedJson('{"__proto__":{"x":1}}', 64) // {ok:true, value: [Object: null prototype] {...}}
 */
export function parseUntrustedJson(text: string, maxDepth: number): DecodeResult<unknown> {
  if (text.length >= DEPTH_PRESCAN_MIN_CHARS && nestsDeeperThan(text, maxDepth)) return tooDeep(maxDepth);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const position = POSITION_IN_V8_MESSAGE.exec(String((err as Error).message))?.[1];
    return badRequest('request_parsing_error', `request body is not valid JSON${position ? ` (at position ${position})` : ''}`);
  }
  return hardenParsedJson(value, maxDepth) ? { ok: true, value } : tooDeep(maxDepth);
}

function tooDeep(maxDepth: number): DecodeResult<never> {
  return badRequest('request_parsing_error', `JSON nested deeper than ${maxDepth} levels`);
}

/**
 * Walks a freshly parsed value without recursion (deep input must not overflow the stack), in place: sets every
 * object's prototype to null and replaces non-finite numbers with null. Returns false as soon as a container sits
 * deeper than `maxDepth` (the top level is depth 1).
 * @example hardenParsedJson(JSON.parse('[[1e400]]'), 64) // true, and the value is now [[null]]
 */
export function hardenParsedJson(root: unknown, maxDepth: number): boolean {
  if (typeof root !== 'object' || root === null) return true;
  if (maxDepth < 1) return false;
  const stack: object[] = [root];
  const depths: number[] = [1];
  while (stack.length > 0) {
    const node = stack.pop() as Record<string, unknown> | unknown[];
    const depth = depths.pop() as number;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const child = node[i];
        if (typeof child === 'object' && child !== null) {
          if (depth >= maxDepth) return false;
          stack.push(child);
          depths.push(depth + 1);
        } else if (child === Infinity || child === -Infinity) {
          node[i] = null;
        }
      }
    } else {
      // In place rather than copying into Object.create(null): measured ~2x cheaper on real batches.
      Object.setPrototypeOf(node, null);
      for (const key in node) {
        const child = node[key];
        if (typeof child === 'object' && child !== null) {
          if (depth >= maxDepth) return false;
          stack.push(child);
          depths.push(depth + 1);
        } else if (child === Infinity || child === -Infinity) {
          node[key] = null;
        }
      }
    }
  }
  return true;
}

/**
 * Scans JSON text for structural nesting deeper than `maxDepth`, skipping string contents. Malformed text is left
 * to JSON.parse to report.
 * @example nestsDeeperThan('[[["[[[["]]]', 3) // false
 */
export function nestsDeeperThan(text: string, maxDepth: number): boolean {
  let depth = 0;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      i = closingQuoteIndex(text, i);
      if (i === -1) return false;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > maxDepth) return true;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return false;
}

/** Index of the quote that closes the string opened at `open`, or -1; indexOf keeps long strings cheap. */
function closingQuoteIndex(text: string, open: number): number {
  let at = open;
  for (;;) {
    at = text.indexOf('"', at + 1);
    if (at === -1) return -1;
    let backslashes = 0;
    for (let k = at - 1; text.charCodeAt(k) === 0x5c; k--) backslashes++;
    if (backslashes % 2 === 0) return at;
  }
}
