/**
 * JSON text -> a value that is safe to hand around: depth-capped, no `__proto__` key on an object that has a
 * prototype, no ±Infinity, no integer beyond 2^53 as a number.
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
 * Parses untrusted JSON text. Numbers that overflowed to ±Infinity (`1e400`) become null, integers beyond 2^53 become
 * their text, nesting deeper than `maxDepth` is refused. Duplicate keys: the last one wins (V8's behaviour). Errors
 * never echo the payload.
 *
 * Objects keep JSON.parse's shapes (V8's fast objects: properties added later and JSON.stringify cost about half what
 * they cost on dictionaries) unless the text could name a `__proto__` key — it holds `__proto__` or any `\u` escape —
 * in which case every object is rebuilt with a null prototype, so that `__proto__` stays an ordinary own key wherever
 * the value is copied. Either way, readers of keys the client chose use `Object.hasOwn`, not `in`.
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
  const hardened = mayNameProtoKey(text) ? hardenParsedJson(value, maxDepth) : checkParsedJson(value, maxDepth);
  return hardened === TOO_DEEP ? tooDeep(maxDepth) : { ok: true, value: hardened };
}

/** True when a key of the text may be `__proto__`, spelled out or with escapes. */
function mayNameProtoKey(text: string): boolean {
  return text.includes('__proto__') || text.includes('\\u');
}

function tooDeep(maxDepth: number): DecodeResult<never> {
  return badRequest('request_parsing_error', `JSON nested deeper than ${maxDepth} levels`);
}

/** Returned by hardenParsedJson when the value nests deeper than allowed. */
export const TOO_DEEP: unique symbol = Symbol('too deep');
const PENDING: unique symbol = Symbol('pending');

/**
 * Makes a freshly parsed value safe, without recursion (deep input must not overflow the stack): every object is
 * rebuilt as a null-prototype object, non-finite numbers become null, and nesting deeper than `maxDepth` (the top
 * level is depth 1) gives TOO_DEEP. Arrays are fixed in place.
 *
 * Why rebuild rather than `Object.setPrototypeOf(o, null)` in place: V8 gives each re-prototyped object a map of
 * its own, so every later property added or deleted (`$ip`, `$elements_chain`, UA fields) copied the whole map;
 * measured on posthog-js batches that cost more than the copy. `Object.create(null)` objects are dictionaries, where
 * adds and deletes are cheap and JSON.stringify is as fast.
 * @example hardenParsedJson(JSON.parse('[{"a":1e400}]'), 64) // [[Object: null prototype] {a: null}]
 */
export function hardenParsedJson(root: unknown, maxDepth: number): unknown {
  if (typeof root !== 'object' || root === null) return root;
  if (maxDepth < 1) return TOO_DEEP;
  const hardenedRoot = Array.isArray(root) ? root : (Object.create(null) as Record<string, unknown>);
  // Parallel stacks: the parsed container, the container to fill (the same array for arrays), its depth.
  const sources: object[] = [root];
  const targets: Array<Record<string, unknown> | unknown[]> = [hardenedRoot];
  const depths: number[] = [1];
  while (sources.length > 0) {
    const source = sources.pop() as Record<string, unknown> | unknown[];
    const target = targets.pop() as Record<string, unknown> | unknown[];
    const depth = depths.pop() as number;
    if (Array.isArray(source)) {
      // Arrays are their own target: fixed in place.
      for (let i = 0; i < source.length; i++) {
        const child = hardenValue(source[i]);
        if (child !== PENDING) source[i] = child;
        else if (depth >= maxDepth) return TOO_DEEP;
        else source[i] = queue(source[i] as object, sources, targets, depths, depth + 1);
      }
    } else {
      const into = target as Record<string, unknown>;
      for (const key in source) {
        const value = source[key];
        const child = hardenValue(value);
        if (child !== PENDING) into[key] = child;
        else if (depth >= maxDepth) return TOO_DEEP;
        else into[key] = queue(value as object, sources, targets, depths, depth + 1);
      }
    }
  }
  return hardenedRoot;
}

/**
 * hardenParsedJson for a value with no `__proto__` key: the same depth check and number fixes, in place, keeping
 * every object as JSON.parse made it.
 * @example checkParsedJson(JSON.parse('{"a":[1e400]}'), 64) // {a: [null]}
 */
export function checkParsedJson(root: unknown, maxDepth: number): unknown {
  if (typeof root !== 'object' || root === null) return root;
  if (maxDepth < 1) return TOO_DEEP;
  const containers: object[] = [root];
  const depths: number[] = [1];
  while (containers.length > 0) {
    const container = containers.pop() as Record<string, unknown> | unknown[];
    const depth = depths.pop() as number;
    if (Array.isArray(container)) {
      for (let i = 0; i < container.length; i++) {
        const checked = checkChild(container[i], depth, maxDepth, containers, depths);
        if (checked === TOO_DEEP) return TOO_DEEP;
        if (checked !== container[i]) container[i] = checked;
      }
    } else {
      for (const key in container) {
        const checked = checkChild(container[key], depth, maxDepth, containers, depths);
        if (checked === TOO_DEEP) return TOO_DEEP;
        if (checked !== container[key]) container[key] = checked;
      }
    }
  }
  return root;
}

/** A number made safe; a container queued, or TOO_DEEP when its parent is at the limit; anything else as it is. */
function checkChild(value: unknown, depth: number, maxDepth: number, containers: object[], depths: number[]): unknown {
  if (typeof value === 'number') return hardenValue(value);
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= maxDepth) return TOO_DEEP;
  containers.push(value);
  depths.push(depth + 1);
  return value;
}

/** A scalar made safe, or PENDING for a container that must be walked. */
function hardenValue(value: unknown): unknown {
  if (typeof value === 'object' && value !== null) return PENDING;
  if (typeof value !== 'number') return value;
  if (value === Infinity || value === -Infinity) return null;
  // Integers beyond 2^53 already lost precision in the parse; as text they stay readable (ClickHouse's JSON
  // functions refuse `18446744073709552000`-style numbers, which would hide every property of the event).
  return Number.isInteger(value) && Math.abs(value) > Number.MAX_SAFE_INTEGER ? String(value) : value;
}

/** Schedules a container and returns what takes its place in the parent. */
function queue(source: object, sources: object[], targets: Array<Record<string, unknown> | unknown[]>, depths: number[], depth: number): unknown {
  const target = Array.isArray(source) ? source : (Object.create(null) as Record<string, unknown>);
  sources.push(source);
  targets.push(target);
  depths.push(depth);
  return target;
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
