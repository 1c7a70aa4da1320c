/** The request-level errors of decoding and envelope extraction: stable codes, details that never echo the payload. */
import type { CaptureError } from './types.js';

export type DecodeResult<T> = { ok: true; value: T } | { ok: false; error: CaptureError };

/**
 * A 400 that tells the client its request can never succeed.
 * @example badRequest('empty_batch', 'request holds no event')
 */
export function badRequest(code: string, detail: string): { ok: false; error: CaptureError } {
  return { ok: false, error: { status: 400, code, detail } };
}

/**
 * The body is larger than the wire cap.
 * @example payloadTooLarge(20 * 1024 * 1024)
 */
export function payloadTooLarge(maxWireBytes: number): { ok: false; error: CaptureError } {
  return { ok: false, error: { status: 413, code: 'payload_too_large', detail: `request body exceeds ${maxWireBytes} bytes` } };
}

/**
 * The decompressed payload would exceed the decompression cap (a compression bomb, or just too much).
 * @example eventTooBig(100 * 1024 * 1024)
 */
export function eventTooBig(maxDecompressedBytes: number): { ok: false; error: CaptureError } {
  return badRequest('event_too_big', `decompressed payload exceeds ${maxDecompressedBytes} bytes`);
}

/**
 * No event in the request: empty body, `{}`, `[]` or an empty batch.
 * @example emptyBatch().error.code // 'empty_batch'
 */
export function emptyBatch(): { ok: false; error: CaptureError } {
  return badRequest('empty_batch', 'request holds no event');
}
