import type { DaySalts } from './cookieless.js';
import type { GeoIpLookup } from './geoip.js';
/** Contracts between the ingestion steps: decode -> extract -> normalize -> (durable log) -> identity -> store. */

/** A JSON object parsed from untrusted input (parse-untrusted-json.ts says when it has a null prototype). */
export type JsonObject = { [key: string]: unknown };

/** What the HTTP layer hands to decoding: the raw bytes and the transport hints. */
export interface RawCaptureRequest {
  body: Buffer;
  contentType: string | undefined;
  contentEncoding: string | undefined;
  /** Query-string parameters (`compression`, `data`, `_`, `ver`, ...). */
  query: Record<string, string | undefined>;
}

/** A request that can never succeed: the HTTP status and PostHog-style error code to answer with. */
export interface CaptureError {
  status: 400 | 401 | 413;
  code: string;
  detail: string;
}

/** The envelope of a capture request after decoding, before per-event checks. */
export interface CaptureEnvelope {
  /** Project token found in the envelope or events (null when none was found). */
  token: string | null;
  /** Client's `sent_at` (or `sentAt`, or the `_` query parameter), when present. */
  sentAt: string | number | null;
  historicalMigration: boolean;
  /** Events as sent (objects, null prototype), at least one. */
  events: JsonObject[];
}

/** Why an event was not stored; names follow PostHog's ingestion warnings where they exist. */
export type DropReason =
  | 'skipping_event_invalid_uuid'
  | 'missing_event_name'
  | 'missing_distinct_id'
  | 'message_size_too_large'
  | 'too_many_properties'
  | 'invalid_event_shape'
  | 'duplicate_event'
  | 'cookieless_unsupported_event'
  | 'cookieless_missing_input'
  | 'cookieless_day_unavailable';

/** A warning recorded for an event that was still stored. */
export type WarningType =
  | 'ignored_invalid_timestamp'
  | 'event_timestamp_in_future'
  | 'distinct_id_truncated'
  | 'invalid_process_person_profile'
  | 'cannot_merge_with_illegal_distinct_id'
  | 'cannot_merge_already_identified'
  | 'invalid_group_set'
  | 'skipping_event_invalid_uuid'
  | 'missing_event_name'
  | 'missing_distinct_id'
  | 'message_size_too_large'
  | 'too_many_properties'
  | 'invalid_event_shape'
  | 'timestamp_out_of_range';

export interface IngestionWarning {
  type: WarningType;
  details: JsonObject;
}

/** Request-level facts that normalization needs besides the event itself. */
export interface NormalizeContext {
  teamId: number;
  /** Server receive time. */
  now: Date;
  sentAt: string | number | null;
  /** Client address as resolved by the HTTP layer (trust-proxy aware), or null when the project discards IPs. */
  ip: string | null;
  userAgent: string | undefined;
  /** The client address even when the project discards it (for GeoIP only, never stored), and the lookup to use. */
  geo?: { connectionIp: string | null; lookup: GeoIpLookup };
  /** The salts of the days in use, to name cookieless visitors (cookieless.ts); without them such events are dropped. */
  cookielessSalts?: DaySalts;
}

/** An event ready for the durable log and the store. Everything here is plain JSON (it is written to disk). */
export interface NormalizedEvent {
  teamId: number;
  uuid: string;
  event: string;
  distinctId: string;
  /** Event time, UTC, ISO 8601 with milliseconds (`2024-05-01T12:00:00.123Z`). */
  timestamp: string;
  /** Server receive time, ISO 8601. */
  createdAt: string;
  /** All properties, including `$set`, `$set_once`, `$unset` merged from the top level and `$ip`. */
  properties: JsonObject;
  elementsChain: string;
  sessionId: string;
  windowId: string;
}

export type NormalizeResult =
  | { ok: true; event: NormalizedEvent; warnings: IngestionWarning[] }
  | { ok: false; reason: DropReason; details: JsonObject };
