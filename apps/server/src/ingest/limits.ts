/** Size and shape caps for capture requests, checked before the expensive work (see spec/bad-inputs.md). */

/** Caps that decoding a capture request enforces. */
export interface DecodeLimits {
  /** Raw body on the wire; the HTTP layer answers 413 above it, decoding re-checks it. */
  maxWireBytes: number;
  /** Output cap for gzip and lz64 decompression (PostHog: 5x the wire cap). */
  maxDecompressedBytes: number;
  /** Deepest allowed nesting of JSON objects and arrays (the top level counts as 1). */
  maxDepth: number;
}

/** Caps that normalizing one event enforces. */
export interface NormalizeLimits {
  /** Serialized event size; larger events are dropped with `message_size_too_large`. */
  maxEventBytes: number;
  /** Own keys of `properties`; more are dropped with `too_many_properties`. */
  maxProperties: number;
  /** Longer distinct ids are truncated (in Unicode code points) with a `distinct_id_truncated` warning. */
  maxDistinctIdChars: number;
}

export type IngestLimits = DecodeLimits & NormalizeLimits;

const MB = 1024 * 1024;

/**
 * Warren's defaults.
 * @example decodeCaptureBody(req, DEFAULT_INGEST_LIMITS)
 */
export const DEFAULT_INGEST_LIMITS: Readonly<IngestLimits> = Object.freeze({
  maxWireBytes: 20 * MB,
  maxDecompressedBytes: 5 * 20 * MB,
  maxDepth: 64,
  maxEventBytes: 1 * MB,
  maxProperties: 10_000,
  maxDistinctIdChars: 200,
});
