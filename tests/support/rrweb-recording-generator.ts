import { gunzipSync, gzipSync } from 'node:zlib';
import { EventType, IncrementalSource, MouseInteractions, type eventWithTime } from '@rrweb/types';
import { v7 as uuidv7 } from 'uuid';
import { seededRandom } from '../../packages/flags/src/test-support/seeded-random.js';
import { TimelineWriter } from './rrweb-recording-timeline.js';

/**
 * A realistic rrweb recording as posthog-js 1.449 sends it to `POST /s/`: Meta + FullSnapshot of a shop page, then
 * mouse moves (rrweb batches positions sampled every 50 ms into one event per 500 ms), clicks, typing into masked
 * inputs, scrolls, DOM mutations, console plugin events, idle gaps and navigations (new Meta + FullSnapshot), cut into
 * `$snapshot` events the way posthog-js's buffer does (flush 2 s after the first buffered event, or at ~0.9 MB) and
 * grouped into requests the way its request queue does (every 3 s, at once on unload). Deterministic from a seed.
 */
export interface RecordingOptions {
  seed?: number;
  durationMs?: number;
  /** Epoch ms of the first rrweb event. */
  startMs?: number;
  sessionId?: string;
  windowId?: string;
  distinctId?: string;
  token?: string;
  /** Origin of the recorded site, e.g. `https://shop.example.com`. */
  origin?: string;
  /** posthog-js gzips full snapshots and mutation fields itself (`cv: "2024-10"`); false gives the expanded form. */
  compressed?: boolean;
  /** Page loads after the first one, evenly spaced over the recording. */
  navigations?: number;
  /** Product cards per page: the size knob of each full snapshot (24 cards ≈ 35 kB of JSON). */
  productCards?: number;
}

export type RrwebEvent = eventWithTime;

export interface SnapshotEvent {
  uuid: string;
  event: '$snapshot';
  properties: {
    $snapshot_bytes: number;
    $snapshot_data: unknown[];
    $session_id: string;
    $window_id: string;
    $lib: 'web';
    $lib_version: string;
    $snapshot_host: string;
    token: string;
    $config_defaults: 'unset';
    distinct_id: string;
  };
  timestamp: string;
  sent_at?: string;
}

/** One `POST /s/`: the `$snapshot` events posthog-js's request queue sends together. */
export interface SnapshotRequest {
  sentAtMs: number;
  events: SnapshotEvent[];
}

/** What the generated session holds, counted as PostHog's recording metadata counts it. */
export interface RecordingSummary {
  startMs: number;
  endMs: number;
  /** MouseInteraction events of type Click. */
  clicks: number;
  /** Input events (one per keystroke into a field). */
  keypresses: number;
  /** MouseMove and MouseInteraction events. */
  mouseActivity: number;
  console: { log: number; warn: number; error: number };
  /** Every page's href, in visiting order; the first is the start URL. */
  urls: string[];
  fullSnapshots: number;
  /** The planned stretches of user activity, [startMs, endMs]. Idle gaps lie between them. */
  activeSpans: [number, number][];
  rrwebEvents: number;
  /** Bytes of the expanded rrweb events as JSON (what a player has to load). */
  rrwebJsonBytes: number;
}

export interface GeneratedRecording {
  sessionId: string;
  windowId: string;
  distinctId: string;
  /** Expanded rrweb events in time order (what the player needs). */
  rrwebEvents: RrwebEvent[];
  requests: SnapshotRequest[];
  summary: RecordingSummary;
}

export const POSTHOG_JS_VERSION = '1.449.2';
const BUFFER_FLUSH_MS = 2000; // posthog-js RECORDING_BUFFER_TIMEOUT
const BUFFER_MAX_BYTES = 1024 * 1024 * 0.9; // posthog-js RECORDING_MAX_EVENT_SIZE
const QUEUE_FLUSH_MS = 3000; // posthog-js request queue DEFAULT_FLUSH_INTERVAL_MS
type Rng = () => number;

/** Generates a session recording. Example: generateRecording({ seed: 7, durationMs: 30 * 60_000 }).requests.length */
export function generateRecording(options: RecordingOptions = {}): GeneratedRecording {
  const seed = options.seed ?? 1;
  const rng = seededRandom(seed);
  const startMs = options.startMs ?? Date.UTC(2026, 10, 24, 10, 0, 0);
  const durationMs = options.durationMs ?? 60_000;
  const ids = {
    sessionId: options.sessionId ?? seededUuidv7(rng, startMs - 40),
    windowId: options.windowId ?? seededUuidv7(rng, startMs - 40),
    distinctId: options.distinctId ?? seededUuidv7(rng, startMs - 60_000),
  };
  const writer = new TimelineWriter(rng, options.origin ?? 'https://shop.example.com', options.productCards ?? 24);
  const navigations = options.navigations ?? (durationMs >= 20_000 ? 1 : 0);
  const pageLoads = [startMs, ...Array.from({ length: navigations }, (_, i) => startMs + Math.round(((i + 1) * durationMs) / (navigations + 1)))];
  const unloads: number[] = [];
  pageLoads.forEach((loadMs, i) => {
    const endMs = i + 1 < pageLoads.length ? pageLoads[i + 1] - 150 : startMs + durationMs;
    writer.loadPage(loadMs, i === 0, ids);
    writer.browse(loadMs + 300, endMs, i + 1 < pageLoads.length);
    if (i + 1 < pageLoads.length) unloads.push(endMs);
  });
  const rrwebEvents = writer.sortedEvents();
  const snapshotEvents = bufferIntoSnapshots(rrwebEvents, unloads, options.compressed ?? true, ids, options, rng);
  const requests = queueIntoRequests(snapshotEvents, rng);
  return { ...ids, rrwebEvents, requests, summary: summarize(rrwebEvents, writer) };
}

/**
 * The same recording for another session: new ids, times shifted by `shiftMs`, fresh `$snapshot` uuids. Costs a
 * shallow copy per event, so thousands of distinct recordings can be seeded from a few generated ones.
 * Example: relabelRecording(generateRecording(), { seed: 2, shiftMs: -3_600_000 }).sessionId
 */
export function relabelRecording(recording: GeneratedRecording, options: { seed: number; shiftMs: number; sessionId?: string; distinctId?: string; token?: string }): GeneratedRecording {
  const rng = seededRandom(options.seed);
  const startMs = recording.summary.startMs + options.shiftMs;
  const ids = {
    sessionId: options.sessionId ?? seededUuidv7(rng, startMs - 40),
    windowId: seededUuidv7(rng, startMs - 40),
    distinctId: options.distinctId ?? seededUuidv7(rng, startMs - 60_000),
  };
  const shift = <T extends { timestamp: number }>(e: T): T => ({ ...e, timestamp: e.timestamp + options.shiftMs });
  const iso = (value: string | undefined) => (value === undefined ? undefined : new Date(Date.parse(value) + options.shiftMs).toISOString());
  const requests = recording.requests.map((request) => ({
    sentAtMs: request.sentAtMs + options.shiftMs,
    events: request.events.map((event) => ({
      ...event,
      uuid: seededUuidv7(rng, Date.parse(event.timestamp) + options.shiftMs),
      properties: {
        ...event.properties,
        $snapshot_data: (event.properties.$snapshot_data as { timestamp: number }[]).map(shift),
        $session_id: ids.sessionId,
        $window_id: ids.windowId,
        token: options.token ?? event.properties.token,
        distinct_id: ids.distinctId,
      },
      timestamp: iso(event.timestamp) as string,
      sent_at: iso(event.sent_at),
    })),
  }));
  const summary = { ...recording.summary, startMs, endMs: recording.summary.endMs + options.shiftMs, activeSpans: recording.summary.activeSpans.map(([a, b]) => [a + options.shiftMs, b + options.shiftMs] as [number, number]) };
  return { ...ids, rrwebEvents: recording.rrwebEvents.map(shift), requests, summary };
}

/** The body posthog-js posts to `/s/` for one request: the JSON array of `$snapshot` events, gzipped. */
export function snapshotRequestBody(request: SnapshotRequest): Buffer {
  return gzipSync(Buffer.from(JSON.stringify(request.events), 'utf8'));
}

/** Every request body of a recording in sending order, with the JSON size before gzip. */
export function snapshotRequestBodies(recording: GeneratedRecording): { body: Buffer; jsonBytes: number; sentAtMs: number }[] {
  return recording.requests.map((request) => {
    const json = Buffer.from(JSON.stringify(request.events), 'utf8');
    return { body: gzipSync(json), jsonBytes: json.length, sentAtMs: request.sentAtMs };
  });
}

/** gzip of a value's JSON as a latin1 string, as posthog-js (fflate strFromU8(gzipSync(..), true)) embeds it. */
export function gzipToLatin1(value: unknown): string {
  return gzipSync(Buffer.from(JSON.stringify(value), 'utf8')).toString('latin1');
}

/** Undoes gzipToLatin1. Example: gunzipLatin1(gzipToLatin1([1])) deep-equals [1]. */
export function gunzipLatin1(value: string): unknown {
  return JSON.parse(gunzipSync(Buffer.from(value, 'latin1')).toString('utf8'));
}

function seededUuidv7(rng: Rng, msecs: number): string {
  const random = new Uint8Array(16);
  for (let i = 0; i < 16; i++) random[i] = Math.floor(rng() * 256);
  return uuidv7({ msecs, random });
}

interface Ids {
  sessionId: string;
  windowId: string;
  distinctId: string;
}

interface TimedSnapshot {
  atMs: number;
  unload: boolean;
  event: SnapshotEvent;
}

/**
 * posthog-js's buffer: the first buffered event starts a 2 s timer whose flush makes one `$snapshot` event of
 * everything buffered; a buffer about to pass ~0.9 MB flushes at once, and so does an unloading page.
 */
function bufferIntoSnapshots(events: RrwebEvent[], unloads: number[], compressed: boolean, ids: Ids, options: RecordingOptions, rng: Rng): TimedSnapshot[] {
  const out: TimedSnapshot[] = [];
  const host = new URL(options.origin ?? 'https://shop.example.com').hostname;
  let buffer = { data: [] as unknown[], size: 0, firstMs: 0 };
  const flush = (atMs: number, unload: boolean) => {
    if (buffer.data.length === 0) return;
    const properties = {
      $snapshot_bytes: buffer.size,
      $snapshot_data: buffer.data,
      $session_id: ids.sessionId,
      $window_id: ids.windowId,
      $lib: 'web' as const,
      $lib_version: POSTHOG_JS_VERSION,
      $snapshot_host: host,
      token: options.token ?? 'phc_test_project_token',
      $config_defaults: 'unset' as const,
      distinct_id: ids.distinctId,
    };
    const event: SnapshotEvent = { uuid: seededUuidv7(rng, atMs), event: '$snapshot', properties, timestamp: new Date(atMs).toISOString() };
    out.push({ atMs, unload, event });
    buffer = { data: [], size: 0, firstMs: 0 };
  };
  let nextUnload = 0;
  for (const rrwebEvent of events) {
    while (nextUnload < unloads.length && rrwebEvent.timestamp > unloads[nextUnload]) flush(unloads[nextUnload++], true);
    if (buffer.data.length > 0 && rrwebEvent.timestamp >= buffer.firstMs + BUFFER_FLUSH_MS) flush(buffer.firstMs + BUFFER_FLUSH_MS, false);
    const sent = compressed ? compressEvent(rrwebEvent) : { event: rrwebEvent, size: Buffer.byteLength(JSON.stringify(rrwebEvent)) };
    if (buffer.data.length > 0 && buffer.size + sent.size + 2 + buffer.data.length > BUFFER_MAX_BYTES) flush(rrwebEvent.timestamp, false);
    if (buffer.data.length === 0) buffer.firstMs = rrwebEvent.timestamp;
    buffer.data.push(sent.event);
    buffer.size += sent.size;
  }
  flush(buffer.firstMs + BUFFER_FLUSH_MS, false);
  return out;
}

/** posthog-js's request queue: the first queued event starts a 3 s timer; an unloading page sends at once (beacon). */
function queueIntoRequests(snapshots: TimedSnapshot[], rng: Rng): SnapshotRequest[] {
  const requests: SnapshotRequest[] = [];
  let queue: SnapshotEvent[] = [];
  let sendAtMs = 0;
  const send = (atMs: number) => {
    const sentAtMs = Math.round(atMs + 1 + rng() * 5);
    for (const event of queue) event.sent_at = new Date(sentAtMs).toISOString();
    requests.push({ sentAtMs, events: queue });
    queue = [];
  };
  for (const snapshot of snapshots) {
    if (queue.length > 0 && snapshot.atMs >= sendAtMs) send(sendAtMs);
    if (queue.length === 0) sendAtMs = snapshot.atMs + QUEUE_FLUSH_MS;
    queue.push(snapshot.event);
    if (snapshot.unload) send(snapshot.atMs);
  }
  if (queue.length > 0) send(sendAtMs);
  return requests;
}

/** posthog-js's compressEventSync: full snapshots and mutation fields gzipped to latin1 strings, marked `cv`. */
function compressEvent(event: RrwebEvent): { event: unknown; size: number } {
  if (event.type === EventType.FullSnapshot) {
    return sized({ ...event, data: gzipToLatin1(event.data), cv: '2024-10' });
  }
  if (event.type === EventType.IncrementalSnapshot && event.data.source === IncrementalSource.Mutation) {
    const { texts, attributes, removes, adds } = event.data;
    const fields = { texts: gzipToLatin1(texts), attributes: gzipToLatin1(attributes), removes: gzipToLatin1(removes), adds: gzipToLatin1(adds) };
    return sized({ ...event, cv: '2024-10', data: { ...event.data, ...fields } });
  }
  return { event, size: Buffer.byteLength(JSON.stringify(event)) };
}

function sized(event: unknown): { event: unknown; size: number } {
  return { event, size: estimateCompressedEventSize(event) };
}

/** posthog-js's loose size estimate of a compressed event: string lengths plus quotes, no escaping counted. */
function estimateCompressedEventSize(value: unknown): number {
  if (value === null) return 4;
  if (typeof value === 'string') return value.length + 2;
  if (typeof value === 'number') return String(value).length;
  if (typeof value === 'boolean') return value ? 4 : 5;
  if (Array.isArray(value)) return value.reduce<number>((size, el, i) => size + (i > 0 ? 1 : 0) + (el == null ? 4 : estimateCompressedEventSize(el)), 2);
  if (typeof value !== 'object') return 0;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  return entries.reduce((size, [key, v], i) => size + (i > 0 ? 1 : 0) + key.length + 3 + estimateCompressedEventSize(v), 2);
}

function summarize(events: RrwebEvent[], writer: TimelineWriter): RecordingSummary {
  const summary: RecordingSummary = {
    startMs: events[0]?.timestamp ?? 0,
    endMs: events[events.length - 1]?.timestamp ?? 0,
    clicks: 0,
    keypresses: 0,
    mouseActivity: 0,
    console: { log: 0, warn: 0, error: 0 },
    urls: writer.urls,
    fullSnapshots: 0,
    activeSpans: writer.activeSpans,
    rrwebEvents: events.length,
    rrwebJsonBytes: Buffer.byteLength(JSON.stringify(events)),
  };
  for (const event of events) {
    if (event.type === EventType.FullSnapshot) summary.fullSnapshots++;
    if (event.type === EventType.Plugin && event.data.plugin === 'rrweb/console@1') {
      summary.console[(event.data.payload as { level: 'log' | 'warn' | 'error' }).level]++;
    }
    if (event.type !== EventType.IncrementalSnapshot) continue;
    const data = event.data;
    if (data.source === IncrementalSource.MouseInteraction && data.type === MouseInteractions.Click) summary.clicks++;
    if (data.source === IncrementalSource.Input) summary.keypresses++;
    if (data.source === IncrementalSource.MouseMove || data.source === IncrementalSource.MouseInteraction) summary.mouseActivity++;
  }
  return summary;
}
