/** Gzip detection and capped decompression for capture bodies. */
import { gunzipSync } from 'node:zlib';
import { badRequest, eventTooBig, type DecodeResult } from './capture-errors.js';

/**
 * True when the bytes start with the gzip magic number `1f 8b` (posthog-js sends gzip as text/plain, unlabelled).
 * @example hasGzipMagic(gzipSync('{}')) // true
 */
export function hasGzipMagic(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Inflates a gzip body (several concatenated members are joined), refusing output above `maxOutputBytes`.
 * Trailing bytes that are not another member are an error; zero padding after the last member is tolerated (zlib's
 * own behaviour, as GNU gzip).
 * @example gunzipCapped(gzipSync('{"a":1}'), 1024) // {ok:true, value: <Buffer 7b 22 ...>}
 */
export function gunzipCapped(bytes: Buffer, maxOutputBytes: number): DecodeResult<Buffer> {
  try {
    return { ok: true, value: gunzipSync(bytes, { maxOutputLength: maxOutputBytes }) };
  } catch (err) {
    if ((err as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
      return eventTooBig(maxOutputBytes);
    }
    return badRequest('request_decoding_error', 'invalid GZIP data');
  }
}
