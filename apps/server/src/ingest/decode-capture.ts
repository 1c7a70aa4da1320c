import type { WarningRow } from '../identity/identity-output.js';
import type { DaySalts } from './cookieless.js';
import { decodeCaptureBody } from './decode-body.js';
import { extractEnvelope } from './extract-envelope.js';
import { isoTime } from './iso-time.js';
import { sharedGeoIp } from './geoip.js';
import { ingestRecord, toIngestEntry, type IdentityEvent, type IngestRecord } from './ingest-record.js';
import type { IngestLimits } from './limits.js';
import type { NetworkRedaction } from '../replay/settings/replay-settings.js';
import { normalizeEvent } from './normalize-event.js';
import type { NormalizedEvent, RawCaptureRequest } from './types.js';

/** What decoding needs to know of the project a token names. */
export interface CaptureProject {
  id: number;
  anonymizeIps: boolean;
  /** Headers and JSON body keys blanked in recorded network requests before a snapshot is stored. */
  networkRedaction?: NetworkRedaction;
}

export interface CaptureRequestData {
  raw: RawCaptureRequest;
  ip: string;
  userAgent: string | undefined;
  bearerToken: string | null;
  /** Server receive time, ms. */
  nowMs: number;
  /** The cookieless salts of the days in use when the request arrived (cookieless-salts.ts). */
  cookielessSalts?: DaySalts;
}

/**
 * `data` with another body (for a hand-off to a worker, which gets the body apart). Written out rather than spread:
 * V8 takes a slow path for `{...data, raw: …}` (about 1 µs each).
 */
export function withBody<B>(data: CaptureRequestData, body: B): Omit<CaptureRequestData, 'raw'> & { raw: Omit<RawCaptureRequest, 'body'> & { body: B } } {
  const raw = data.raw;
  return {
    raw: { body, contentType: raw.contentType, contentEncoding: raw.contentEncoding, query: raw.query },
    ip: data.ip,
    userAgent: data.userAgent,
    bearerToken: data.bearerToken,
    nowMs: data.nowMs,
    cookielessSalts: data.cookielessSalts,
  };
}

/** The CPU-heavy half of a capture request, ready for the durable append; plain data, so it can cross threads. */
export type DecodedCapture =
  | { kind: 'refused'; status: 400 | 401 | 413; code: string; detail: string }
  | { kind: 'unknown_token'; token: string }
  | {
      kind: 'events';
      teamId: number;
      /** The events kept and the warnings raised, ready for the write-ahead log. */
      record: IngestRecord;
      events: number;
      /** Drop reason of each dropped event, in order. */
      drops: string[];
      uuids: string[];
    };

/**
 * decode -> envelope -> token -> normalize each event -> row text. Pure apart from the clock it is handed; runs in
 * a worker thread. Example: decodeCapture(data, (t) => projects.get(t) ?? null, DEFAULT_INGEST_LIMITS).kind === 'events'.
 */
export function decodeCapture(data: CaptureRequestData, lookup: (token: string) => CaptureProject | null, limits: IngestLimits): DecodedCapture {
  const decoded = decodeCaptureBody(data.raw, limits);
  if (!decoded.ok) return { kind: 'refused', ...decoded.error };
  const envelope = extractEnvelope(decoded.value, data.raw.query);
  if (!envelope.ok) return { kind: 'refused', ...envelope.error };
  const token = envelope.envelope.token ?? data.bearerToken;
  if (!token) return { kind: 'refused', status: 401, code: 'no_token', detail: 'API key is missing from the request.' };
  const project = lookup(token);
  if (!project) return { kind: 'unknown_token', token };

  const now = new Date(data.nowMs);
  const at = isoTime(data.nowMs);
  const ctx = {
    teamId: project.id,
    now,
    sentAt: envelope.envelope.sentAt,
    ip: project.anonymizeIps ? null : data.ip,
    userAgent: data.userAgent,
    geo: { connectionIp: data.ip, lookup: sharedGeoIp() },
    cookielessSalts: data.cookielessSalts,
  };
  const identities: IdentityEvent[] = [];
  const rows: string[] = [];
  const warnings: WarningRow[] = [];
  const drops: string[] = [];
  const uuids: string[] = [];
  for (const raw of envelope.envelope.events) {
    const result = normalizeEvent(raw, ctx, limits);
    if (!result.ok) {
      drops.push(result.reason);
      warnings.push({ team_id: project.id, source: 'capture', type: result.reason, details: JSON.stringify(result.details), timestamp: at });
      continue;
    }
    const entry = guardedEntry(result.event, result.propertiesJson, project.networkRedaction);
    if (entry instanceof Error) {
      // Values no step expected (an object whose toString cannot be called, nesting that overflows the stack): this
      // event is dropped, not the whole request with the good events in it.
      drops.push('invalid_event_shape');
      const details = { uuid: result.event.uuid, event: result.event.event, error: entry.message.slice(0, 200) };
      warnings.push({ team_id: project.id, source: 'capture', type: 'invalid_event_shape', details: JSON.stringify(details), timestamp: at });
      continue;
    }
    identities.push(entry.identity);
    rows.push(entry.row);
    uuids.push(result.event.uuid);
    for (const w of result.warnings) warnings.push({ team_id: project.id, source: 'capture', type: w.type, details: JSON.stringify(w.details), timestamp: at });
  }
  return { kind: 'events', teamId: project.id, record: ingestRecord({ events: identities, warnings }, rows), events: rows.length, drops, uuids };
}

/** toIngestEntry, or the TypeError or RangeError that the event's values made it throw. */
function guardedEntry(event: NormalizedEvent, propertiesJson: string, networkRedaction: NetworkRedaction | undefined): ReturnType<typeof toIngestEntry> | Error {
  try {
    return toIngestEntry(event, propertiesJson, networkRedaction);
  } catch (error) {
    if (error instanceof TypeError || error instanceof RangeError) return error;
    throw error;
  }
}
