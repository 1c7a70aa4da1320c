/**
 * Step 1 of ingestion: a capture request's raw bytes and transport hints -> one parsed JSON value.
 *
 * Order: wire cap -> gzip (Content-Encoding, `?compression=gzip|gzip-js`, or sniffed magic bytes) -> form `data=`
 * / base64 / lz64 unwrapping -> strict UTF-8 -> lone-surrogate repair -> JSON.parse -> depth cap and hardening.
 */
import { gunzipCapped, hasGzipMagic } from './gunzip.js';
import { badRequest, emptyBatch, eventTooBig, payloadTooLarge, type DecodeResult } from './capture-errors.js';
import { decodeUtf8, replaceLoneSurrogateEscapes, stripBom } from './json-text.js';
import { decompressLz64Capped } from './lz64.js';
import { parseUntrustedJson } from './parse-untrusted-json.js';
import type { DecodeLimits } from './limits.js';
import type { RawCaptureRequest } from './types.js';

type Compression = 'gzip' | 'base64' | 'lz64' | undefined;

const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';
const DATA_PREFIX = 'data=';
const BASE64_TEXT = /^[A-Za-z0-9+/=_\-\s]+$/;

/**
 * Decodes a capture request body into a parsed, hardened JSON value (objects have a null prototype).
 * Accepts JSON, gzip (labelled or sniffed, multi-member), form `data=` (base64, lz64 or raw JSON), base64 or lz64
 * bodies flagged by `?compression=`, and `?data=` on a bodiless (GET) request.
 * @example decodeCaptureBody({body: gzipSync('{"event":"e"}'), contentType: 'text/plain', contentEncoding: undefined, query: {}}, DEFAULT_INGEST_LIMITS)
 * // {ok:true, value: {event:'e'}}
 */
export function decodeCaptureBody(req: RawCaptureRequest, limits: DecodeLimits): DecodeResult<unknown> {
  const compression = parseCompression(req.query.compression);
  if (req.body.length === 0) {
    const data = req.query.data;
    if (data === undefined || data === '') return emptyBatch();
    if (data.length > limits.maxWireBytes) return payloadTooLarge(limits.maxWireBytes);
    return decodeDataField(data, compression, limits);
  }
  if (req.body.length > limits.maxWireBytes) return payloadTooLarge(limits.maxWireBytes);

  const inflated = inflateIfGzip(req.body, req.contentEncoding, limits);
  if (!inflated.ok) return inflated;
  const bytes = inflated.value;

  const firstByte = firstNonBlankByte(bytes);
  if (firstByte === -1) return emptyBatch();
  const looksLikeJson = firstByte === 0x7b || firstByte === 0x5b; // '{' or '['
  if (looksLikeJson) return parseJsonBytes(bytes, limits);
  if (isFormContentType(req.contentType) || startsWithDataField(bytes)) return decodeFormBody(bytes, compression, limits);
  if (compression === 'base64' || compression === 'lz64') return decodeDataField(bytes.toString('latin1'), compression, limits);
  // Unlabelled and not JSON: legacy clients send bare base64; anything else is left to JSON.parse to refuse.
  // A body declared as JSON is JSON: `42` or `null` must get a JSON error, not a base64 one.
  const text = bytes.toString('latin1');
  if (!isJsonContentType(req.contentType) && BASE64_TEXT.test(text)) return decodeDataField(text, 'base64', limits);
  return parseJsonBytes(bytes, limits);
}

function isJsonContentType(contentType: string | undefined): boolean {
  return contentType !== undefined && /^\s*application\/json\b/i.test(contentType);
}

/** `?compression=`: gzip-js and gzip are the same thing; unknown values are ignored (the body is sniffed). */
function parseCompression(value: string | undefined): Compression {
  switch (value?.trim().toLowerCase()) {
    case 'gzip':
    case 'gzip-js':
      return 'gzip';
    case 'base64':
      return 'base64';
    case 'lz64':
      return 'lz64';
    default:
      return undefined;
  }
}

/**
 * Gunzips when the header says gzip (and then the body must be gzip) or the body starts with the magic bytes.
 * `?compression=gzip-js` on a body without magic bytes is read as plain: the flag is advisory, the bytes are not.
 */
function inflateIfGzip(body: Buffer, contentEncoding: string | undefined, limits: DecodeLimits): DecodeResult<Buffer> {
  const encoding = contentEncoding?.trim().toLowerCase();
  if (encoding === 'gzip' || encoding === 'x-gzip') {
    if (!hasGzipMagic(body)) return badRequest('request_decoding_error', 'Content-Encoding is gzip but the body is not gzip');
    return gunzipCapped(body, limits.maxDecompressedBytes);
  }
  if (encoding !== undefined && encoding !== '' && encoding !== 'identity') {
    return badRequest('request_decoding_error', 'unsupported Content-Encoding (use gzip)');
  }
  return hasGzipMagic(body) ? gunzipCapped(body, limits.maxDecompressedBytes) : { ok: true, value: body };
}

function isFormContentType(contentType: string | undefined): boolean {
  return contentType !== undefined && contentType.trimStart().toLowerCase().startsWith(FORM_CONTENT_TYPE);
}

function startsWithDataField(bytes: Buffer): boolean {
  return bytes.length >= DATA_PREFIX.length && bytes.toString('latin1', 0, DATA_PREFIX.length) === DATA_PREFIX;
}

/** A urlencoded form: the payload is its `data` field; a `compression` field counts when the query has none. */
function decodeFormBody(bytes: Buffer, compression: Compression, limits: DecodeLimits): DecodeResult<unknown> {
  const text = decodeUtf8(bytes);
  if (!text.ok) return text;
  const form = new URLSearchParams(text.value);
  const data = form.get('data');
  if (data === null || data === '') return badRequest('request_decoding_error', 'form body has no data field');
  return decodeDataField(data, compression ?? parseCompression(form.get('compression') ?? undefined), limits);
}

/**
 * The value of a `data` field (form body, `?data=`, or a bare flagged body): lz64, raw JSON, or base64 of JSON
 * (which may itself be gzip). Base64 is sniffed, since base64 text can never start with `{` or `[`.
 */
function decodeDataField(data: string, compression: Compression, limits: DecodeLimits): DecodeResult<unknown> {
  // A `+` that reached us unencoded was turned into a space by form / query decoding; base64 has no spaces.
  const field = data.includes(' ') ? data.replaceAll(' ', '+') : data;
  if (compression === 'lz64') {
    const inflated = decompressLz64Capped(field.trim(), limits.maxDecompressedBytes);
    if (!inflated.ok) {
      return inflated.reason === 'too_large' ? eventTooBig(limits.maxDecompressedBytes) : badRequest('request_decoding_error', 'invalid lz64 data');
    }
    return parseJsonText(toWellFormed(stripBom(inflated.value)), limits);
  }
  const trimmed = data.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return parseJsonText(toWellFormed(data), limits);
  const decoded = Buffer.from(field, 'base64');
  if (decoded.length === 0) return badRequest('request_decoding_error', 'invalid base64 data');
  if (hasGzipMagic(decoded)) {
    const inflated = gunzipCapped(decoded, limits.maxDecompressedBytes);
    return inflated.ok ? parseJsonBytes(inflated.value, limits) : inflated;
  }
  return parseJsonBytes(decoded, limits);
}

function parseJsonBytes(bytes: Buffer, limits: DecodeLimits): DecodeResult<unknown> {
  if (firstNonBlankByte(bytes) === -1) return emptyBatch();
  const text = decodeUtf8(bytes);
  return text.ok ? parseJsonText(text.value, limits) : text;
}

function parseJsonText(text: string, limits: DecodeLimits): DecodeResult<unknown> {
  if (isBlank(text)) return emptyBatch();
  return parseUntrustedJson(replaceLoneSurrogateEscapes(text), limits.maxDepth);
}

/** The first byte that is not JSON whitespace (or a UTF-8 BOM), or -1 when there is none. */
function firstNonBlankByte(bytes: Uint8Array): number {
  let i = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
  for (; i < bytes.length; i++) {
    const b = bytes[i];
    if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) return b;
  }
  return -1;
}

const NON_BLANK = /[^\s\ufeff]/;
function isBlank(text: string): boolean {
  return !NON_BLANK.test(text);
}

/**
 * Text that did not come from strict UTF-8 decoding (lz64 output, URL-decoded fields) can hold raw lone
 * surrogates; they become U+FFFD as UTF-8 encoding would do later anyway, but explicitly.
 */
function toWellFormed(text: string): string {
  return (text as string & { toWellFormed(): string }).toWellFormed();
}
