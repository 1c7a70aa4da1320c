import type { Metrics } from '../platform/metrics.js';
import { captureProjectOf, type ProjectRepository } from '../projects/project-repository.js';
import type { CaptureWorkerPool } from './capture-worker-pool.js';
import type { CookielessSalts } from './cookieless-salts.js';
import { decodeCapture, type CaptureRequestData, type DecodedCapture } from './decode-capture.js';
import type { IngestLimits } from './limits.js';
import type { IngestPipeline } from './ingest-pipeline.js';
import type { RawCaptureRequest } from './types.js';

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
  /** Decodes off the main thread; without it decoding runs inline. */
  workers: CaptureWorkerPool | null;
  /** Names cookieless visitors; without it their events are dropped. */
  cookielessSalts?: Pick<CookielessSalts, 'current'>;
}

export type CaptureOutcome =
  | { ok: true; uuids: string[] }
  | { ok: false; status: 400 | 401 | 413 | 503; code: string; detail: string };

/** Decode (in a worker) -> durable append -> the answer. One bad event never fails its batch. */
export async function captureRequest(input: CaptureInput, deps: CaptureDeps): Promise<CaptureOutcome> {
  if (deps.pipeline.overloaded) return { ok: false, status: 503, code: 'overloaded', detail: 'Ingestion is behind; retry later.' };
  // Written out: V8 takes a slow path for `{...input, nowMs}` (about 1 µs, on every request).
  const data: CaptureRequestData = {
    raw: input.raw,
    ip: input.ip,
    userAgent: input.userAgent,
    bearerToken: input.bearerToken,
    nowMs: Date.now(),
    cookielessSalts: deps.cookielessSalts?.current(),
  };
  let decoded = await decode(data, deps);
  if (decoded.kind === 'unknown_token') {
    // Workers know the projects that existed when they started; a token they do not know is checked once here.
    const generation = deps.projects.generation;
    const project = await deps.projects.findByToken(decoded.token);
    if (!project) return refuse(401, 'invalid_token', 'Project API key invalid. You can find your project API key in Warren project settings.', deps);
    const known = captureProjectOf(project);
    // After a project write the workers get a fresh map; a lookup that raced the write must not add a stale token back.
    if (generation === deps.projects.generation) deps.workers?.setProjects([[project.apiToken, known]]);
    decoded = decodeCapture(data, (t) => (t === project.apiToken ? known : null), deps.limits);
  }
  if (decoded.kind === 'refused') return refuse(decoded.status, decoded.code, decoded.detail, deps);
  if (decoded.kind !== 'events') return refuse(401, 'invalid_token', 'Project API key invalid.', deps);
  for (const reason of decoded.drops) deps.metrics.eventsDropped.inc({ reason });
  await deps.pipeline.accept(decoded.record);
  if (decoded.events === 0 && decoded.drops.length > 0) {
    return { ok: false, status: 400, code: decoded.drops[0], detail: dropDetail(decoded.drops[0]) };
  }
  return { ok: true, uuids: decoded.uuids };
}

/**
 * Below about this much JSON a body decodes faster on the main thread than a hand-off to a worker costs. (16 KB when a
 * worker's answer was a structured clone of row strings; with the record's bytes transferred, 10-event batches of
 * ~6 KB gain from a worker: 40.3k -> 44.2k events/s in paired rounds. A single event of ~1 KB still loses: 10.4k ->
 * 8.4k requests/s with every body sent to a worker.)
 */
const WORKER_MIN_JSON_BYTES = 4 * 1024;
/** Event JSON compresses about this well with gzip; used to guess the size of a compressed body. */
const GZIP_RATIO_ESTIMATE = 8;

async function decode(data: CaptureRequestData, deps: CaptureDeps): Promise<DecodedCapture> {
  const body = data.raw.body;
  const gzipped = body.length > 2 && body[0] === 0x1f && body[1] === 0x8b;
  const estimatedJsonBytes = gzipped ? body.length * GZIP_RATIO_ESTIMATE : body.length;
  if (deps.workers?.healthy && estimatedJsonBytes >= WORKER_MIN_JSON_BYTES) return deps.workers.decode(data);
  return decodeCapture(data, (token) => deps.projects.cachedCaptureProject(token), deps.limits);
}

function refuse(status: 400 | 401 | 413, code: string, detail: string, deps: CaptureDeps): CaptureOutcome {
  deps.metrics.eventsDropped.inc({ reason: code });
  return { ok: false, status, code, detail };
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
