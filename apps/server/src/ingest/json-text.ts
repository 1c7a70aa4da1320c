/** Bytes -> JSON text: strict UTF-8, no BOM, lone surrogate escapes made harmless. */
import { badRequest, type DecodeResult } from './capture-errors.js';

/** Strict (`fatal`) so that invalid bytes are refused rather than silently turned into U+FFFD; strips a BOM. */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Decodes UTF-8 bytes, refusing invalid sequences (PostHog: 400 "invalid UTF8 in request payload").
 * @example decodeUtf8(Buffer.from('\ufeff{"a":1}')) // {ok:true, value:'{"a":1}'} (BOM stripped)
 */
export function decodeUtf8(bytes: Uint8Array): DecodeResult<string> {
  try {
    return { ok: true, value: UTF8.decode(bytes) };
  } catch {
    return badRequest('request_decoding_error', 'invalid UTF8 in request payload');
  }
}

/**
 * Removes a leading byte order mark from text that did not come through `decodeUtf8` (lz64, base64 query data).
 * @example stripBom('\ufeff[]') // '[]'
 */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** `\uD800`-`\uDFFF` escapes; the backslash count before each match is checked separately. */
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F][0-9a-fA-F]{2}/g;
const REPLACEMENT_ESCAPE = '\\ufffd';

/**
 * Replaces `\uXXXX` escapes of lone UTF-16 surrogates in JSON text with `\ufffd` so that the batch survives and
 * nothing unencodable reaches storage (PostHog's InvalidSurrogatesPass). Valid escaped pairs are kept.
 * @example replaceLoneSurrogateEscapes('["\\ud800x"]') // '["\\ufffdx"]'
 */
export function replaceLoneSurrogateEscapes(text: string): string {
  if (text.indexOf('\\u') === -1) return text;
  SURROGATE_ESCAPE.lastIndex = 0;
  let out: string[] | null = null;
  let copiedUpTo = 0;
  let match: RegExpExecArray | null;
  while ((match = SURROGATE_ESCAPE.exec(text)) !== null) {
    const start = match.index;
    if (!isEscapeStart(text, start)) {
      // `\\ud800` is an escaped backslash followed by text: resume right after that backslash.
      SURROGATE_ESCAPE.lastIndex = start + 1;
      continue;
    }
    const unit = parseInt(match[0].slice(2), 16);
    if (unit <= 0xdbff && isLowSurrogateEscapeAt(text, start + 6)) {
      SURROGATE_ESCAPE.lastIndex = start + 12;
      continue;
    }
    out ??= [];
    out.push(text.slice(copiedUpTo, start), REPLACEMENT_ESCAPE);
    copiedUpTo = start + 6;
  }
  if (out === null) return text;
  out.push(text.slice(copiedUpTo));
  return out.join('');
}

/** True when the backslash at `index` starts an escape, i.e. it is preceded by an even run of backslashes. */
function isEscapeStart(text: string, index: number): boolean {
  let backslashes = 0;
  for (let i = index - 1; i >= 0 && text.charCodeAt(i) === 0x5c; i--) backslashes++;
  return backslashes % 2 === 0;
}

function isLowSurrogateEscapeAt(text: string, index: number): boolean {
  if (text.charCodeAt(index) !== 0x5c || text.charCodeAt(index + 1) !== 0x75) return false;
  // parseInt stops at the first non-hex character, so any value in the low range had four hex digits.
  const unit = parseInt(text.slice(index + 2, index + 6), 16);
  return unit >= 0xdc00 && unit <= 0xdfff;
}
