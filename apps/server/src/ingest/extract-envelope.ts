/**
 * Step 2 of ingestion: a decoded JSON value -> the envelope (token, sent_at, historical flag) and the raw events.
 *
 * Shapes: a single event object (`/capture/`, `/e/` of old clients), `{batch: [...]}` with `api_key`/`token`,
 * `sent_at`/`sentAt` and `historical_migration` (posthog-js, posthog-node, posthog-python, `/i/v1/analytics/events`),
 * and a bare array of events (posthog-js `/s/`). No recorded SDK wraps a body as `{data: ...}` outside form
 * encoding (that is unwrapped by decoding), so such an object is read as one event.
 */
import { badRequest, emptyBatch } from './capture-errors.js';
import { isJsonObject } from './json-values.js';
import type { CaptureEnvelope, CaptureError, JsonObject } from './types.js';

const EPOCH_MS_DIGITS = /^\d{1,16}$/;

export type ExtractResult = { ok: true; envelope: CaptureEnvelope } | { ok: false; error: CaptureError };

/**
 * Finds the events, project token and client send time of a decoded capture body.
 * Token order: envelope `api_key`, `token`; otherwise each event's `token`, `$token`, `api_key`, `properties.token`,
 * which must agree (401 `multiple_tokens`). When the envelope names a token it decides and event tokens are not read
 * (PostHog's capture does the same). `?_=<ms>` serves as sent_at when the body has none.
 * @example extractEnvelope({api_key: 'phc_x', batch: [{event: 'e'}], sent_at: '2024-01-01T00:00:00Z'}, {})
 * // {ok:true, envelope: {token:'phc_x', sentAt:'2024-01-01T00:00:00Z', historicalMigration:false, events:[...]}}
 */
export function extractEnvelope(value: unknown, query: Record<string, string | undefined>): ExtractResult {
  let events: JsonObject[];
  let envelope: JsonObject | null = null;
  if (Array.isArray(value)) {
    const checked = checkEvents(value);
    if (!checked.ok) return checked;
    events = checked.events;
  } else if (isJsonObject(value)) {
    if (value.batch !== undefined) {
      if (!Array.isArray(value.batch)) return badRequest('request_parsing_error', '`batch` must be an array of events');
      const checked = checkEvents(value.batch);
      if (!checked.ok) return checked;
      events = checked.events;
      envelope = value;
    } else {
      if (isEmptyObject(value)) return emptyBatch();
      events = [value];
    }
  } else {
    return badRequest('request_parsing_error', 'request body must be a JSON object or array of events');
  }
  if (events.length === 0) return emptyBatch();

  const token = envelope === null ? null : envelopeToken(envelope);
  let eventToken: string | null = null;
  if (token === null) {
    const found = agreedEventToken(events);
    if (!found.ok) return found;
    eventToken = found.token;
  }
  return {
    ok: true,
    envelope: {
      token: token ?? eventToken,
      sentAt: envelope === null ? sentAtFromQuery(query) : (envelopeSentAt(envelope) ?? sentAtFromQuery(query)),
      historicalMigration: envelope !== null && envelope.historical_migration === true,
      events,
    },
  };
}

type CheckedEvents = { ok: true; events: JsonObject[] } | { ok: false; error: CaptureError };

function checkEvents(items: unknown[]): CheckedEvents {
  for (let i = 0; i < items.length; i++) {
    if (!isJsonObject(items[i])) return badRequest('request_parsing_error', `batch item ${i} is not an event object`);
  }
  return { ok: true, events: items as JsonObject[] };
}

function envelopeToken(envelope: JsonObject): string | null {
  return nonEmptyString(envelope.api_key) ?? nonEmptyString(envelope.token);
}

/** The token the events carry; events without one are ignored, two different ones are refused. */
function agreedEventToken(events: JsonObject[]): { ok: true; token: string | null } | { ok: false; error: CaptureError } {
  let token: string | null = null;
  for (const event of events) {
    const found = eventToken(event);
    if (found === null) continue;
    if (token === null) token = found;
    else if (found !== token) {
      return { ok: false, error: { status: 401, code: 'multiple_tokens', detail: 'batch submitted with inconsistent api_key values' } };
    }
  }
  return { ok: true, token };
}

function eventToken(event: JsonObject): string | null {
  const direct = nonEmptyString(event.token) ?? nonEmptyString(event.$token) ?? nonEmptyString(event.api_key);
  if (direct !== null) return direct;
  const properties = event.properties;
  return isJsonObject(properties) ? nonEmptyString(properties.token) : null;
}

function envelopeSentAt(envelope: JsonObject): string | number | null {
  // `created_at` is when the v1 analytics endpoint's batch was sent: it plays the part of sent_at there.
  return sentAtValue(envelope.sent_at) ?? sentAtValue(envelope.sentAt) ?? sentAtValue(envelope.created_at);
}

function sentAtValue(value: unknown): string | number | null {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  return null;
}

/** `?_=1700000000000`: older posthog-js puts its send time (ms since epoch) in the query instead of the body. */
function sentAtFromQuery(query: Record<string, string | undefined>): number | null {
  const raw = query._;
  if (raw === undefined || !EPOCH_MS_DIGITS.test(raw)) return null;
  return Number(raw);
}

function nonEmptyString(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function isEmptyObject(value: JsonObject): boolean {
  for (const _key in value) return false;
  return true;
}
