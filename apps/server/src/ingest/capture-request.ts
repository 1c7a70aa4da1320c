import type { Metrics } from '../platform/metrics.js';
import type { Project, ProjectRepository } from '../projects/project-repository.js';
import type { WarningRow } from '../identity/identity-output.js';
import { decodeCaptureBody } from './decode-body.js';
import { extractEnvelope } from './extract-envelope.js';
import type { IngestLimits } from './limits.js';
import { normalizeEvent } from './normalize-event.js';
import type { IngestPipeline } from './ingest-pipeline.js';
import { toIngestEntry, type IdentityEvent } from './ingest-record.js';
import type { CaptureError, JsonObject, NormalizedEvent, RawCaptureRequest } from './types.js';

export interface CaptureInput {
  raw: RawCaptureRequest;
  /** Client address (trust-proxy aware). */
  ip: string;
  userAgent: string | undefined;
  /** `Authorization: Bearer <phc_…>` (the v1 analytics endpoint carries the token there). */
  bearerToken: string | null;
}

export interface CaptureDeps {
  projects: ProjectRepository;
  pipeline: IngestPipeline;
  metrics: Metrics;
  limits: IngestLimits;
}

export type CaptureOutcome =
  | { ok: true; project: Project; events: NormalizedEvent[] }
  | { ok: false; status: 400 | 401 | 413 | 503; code: string; detail: string };

/** decode -> envelope -> token -> normalize each event -> durable append. One bad event never fails its batch. */
export async function captureRequest(input: CaptureInput, deps: CaptureDeps): Promise<CaptureOutcome> {
  const decoded = decodeCaptureBody(input.raw, deps.limits);
  if (!decoded.ok) return refuse(decoded.error, deps);
  const envelope = extractEnvelope(decoded.value, input.raw.query);
  if (!envelope.ok) return refuse(envelope.error, deps);
  const token = envelope.envelope.token ?? input.bearerToken;
  if (!token) return refuse({ status: 401, code: 'no_token', detail: 'API key is missing from the request.' }, deps);
  const project = await deps.projects.findByToken(token);
  if (!project) return refuse({ status: 401, code: 'invalid_token', detail: 'Project API key invalid. You can find your project API key in Warren project settings.' }, deps);
  if (deps.pipeline.overloaded) return { ok: false, status: 503, code: 'overloaded', detail: 'Ingestion is behind; retry later.' };

  const now = new Date();
  const ctx = { teamId: project.id, now, sentAt: envelope.envelope.sentAt, ip: project.anonymizeIps ? null : input.ip, userAgent: input.userAgent };
  const events: NormalizedEvent[] = [];
  const identities: IdentityEvent[] = [];
  const rows: string[] = [];
  const warnings: WarningRow[] = [];
  let firstDrop: { reason: string; details: JsonObject } | null = null;
  for (const raw of envelope.envelope.events) {
    const result = normalizeEvent(raw, ctx, deps.limits);
    const at = now.toISOString();
    if (!result.ok) {
      firstDrop ??= result;
      deps.metrics.eventsDropped.inc({ reason: result.reason });
      warnings.push({ team_id: project.id, source: 'capture', type: result.reason, details: JSON.stringify(result.details), timestamp: at });
      continue;
    }
    events.push(result.event);
    const entry = toIngestEntry(result.event, result.propertiesJson);
    identities.push(entry.identity);
    rows.push(entry.row);
    for (const w of result.warnings) warnings.push({ team_id: project.id, source: 'capture', type: w.type, details: JSON.stringify(w.details), timestamp: at });
  }
  await deps.pipeline.accept({ header: { events: identities, warnings }, rows });
  if (events.length === 0 && firstDrop) {
    return { ok: false, status: 400, code: firstDrop.reason, detail: dropDetail(firstDrop.reason) };
  }
  return { ok: true, project, events };
}

function refuse(error: CaptureError, deps: CaptureDeps): CaptureOutcome {
  deps.metrics.eventsDropped.inc({ reason: error.code });
  return { ok: false, status: error.status, code: error.code, detail: error.detail };
}

const DROP_DETAILS: Record<string, string> = {
  missing_event_name: 'Event name is missing or empty.',
  missing_distinct_id: 'distinct_id is missing or empty.',
  skipping_event_invalid_uuid: 'Event uuid is not a valid UUID.',
  message_size_too_large: 'Event is larger than 1 MB.',
  too_many_properties: 'Event has too many properties.',
  invalid_event_shape: 'Event is malformed.',
};

function dropDetail(reason: string): string {
  return DROP_DETAILS[reason] ?? 'No event in the request could be ingested.';
}
