import type { RawRrwebEvent } from './snapshot-expand.js';

/** What one `$snapshot` (a run of rrweb events from one window) adds to its recording's metadata. */
export interface SnapshotSummary {
  /** Epoch ms of the first and last event with a usable timestamp; null when none has one. */
  firstTimestampMs: number | null;
  lastTimestampMs: number | null;
  eventCount: number;
  clickCount: number;
  keypressCount: number;
  mouseActivityCount: number;
  consoleLogCount: number;
  consoleWarnCount: number;
  consoleErrorCount: number;
  activeMilliseconds: number;
  /**
   * The epoch seconds in which an active event happened, ascending. Merged over every snapshot of a recording they give
   * its active time across posthog-js's ~2 s batches, which a per-batch sum cuts at every batch boundary.
   */
  activeSecondMarks: number[];
  /** Meta events' `href`, first seen first, without repeats. */
  urls: string[];
}

// rrweb's numbering (EventType, IncrementalSource, MouseInteractions).
const FULL_SNAPSHOT = 2;
const INCREMENTAL = 3;
const META = 4;
const PLUGIN = 6;
const MOUSE_MOVE = 1;
const MOUSE_INTERACTION = 2;
const INPUT = 5;
const TOUCH_MOVE = 6;
const CLICK = 2;
const DOUBLE_CLICK = 4;

/** PostHog's rule (its snapshot segmenter): these incremental sources are a user doing something. */
const ACTIVE_SOURCES = new Set([1, 2, 3, 4, 5, 6, 7, 12]);
/** An active stretch ends when no active event follows within this long (PostHog's ACTIVITY_THRESHOLD_MS). */
export const ACTIVITY_THRESHOLD_MS = 5000;

const WARN_LEVELS = new Set(['warn', 'countReset']);
const ERROR_LEVELS = new Set(['error', 'assert']);

/**
 * Counts and active time of a run of rrweb events. Clicks are MouseInteraction click and double click; keypresses
 * are Input events (rrweb emits one per change of a field's value); mouse activity is mouse moves, mouse
 * interactions and touch moves; console counts come from `rrweb/console@1` plugin events (error and assert are
 * errors, warn and countReset warnings, every other level a log). Example: summarizeSnapshots([]).eventCount === 0.
 */
export function summarizeSnapshots(events: readonly RawRrwebEvent[]): SnapshotSummary {
  const summary: SnapshotSummary = {
    firstTimestampMs: null,
    lastTimestampMs: null,
    eventCount: events.length,
    clickCount: 0,
    keypressCount: 0,
    mouseActivityCount: 0,
    consoleLogCount: 0,
    consoleWarnCount: 0,
    consoleErrorCount: 0,
    activeMilliseconds: 0,
    activeSecondMarks: [],
    urls: [],
  };
  const timed: { at: number; active: boolean }[] = [];
  for (const event of events) {
    const at = timestampOf(event);
    const data = isObject(event.data) ? event.data : {};
    if (at !== null) {
      summary.firstTimestampMs = summary.firstTimestampMs === null ? at : Math.min(summary.firstTimestampMs, at);
      summary.lastTimestampMs = summary.lastTimestampMs === null ? at : Math.max(summary.lastTimestampMs, at);
      timed.push({ at, active: isActive(event.type, data) });
    }
    countEvent(summary, event.type, data);
  }
  summary.activeMilliseconds = activeMilliseconds(timed);
  summary.activeSecondMarks = [...new Set(timed.filter((t) => t.active).map((t) => Math.floor(t.at / 1000)))].sort((a, b) => a - b);
  return summary;
}

function countEvent(summary: SnapshotSummary, type: unknown, data: Record<string, unknown>): void {
  if (type === INCREMENTAL) {
    const source = data.source;
    if (source === MOUSE_INTERACTION && (data.type === CLICK || data.type === DOUBLE_CLICK)) summary.clickCount += 1;
    if (source === INPUT) summary.keypressCount += 1;
    if (source === MOUSE_MOVE || source === MOUSE_INTERACTION || source === TOUCH_MOVE) summary.mouseActivityCount += 1;
  } else if (type === META && typeof data.href === 'string' && data.href !== '' && !summary.urls.includes(data.href)) {
    summary.urls.push(data.href);
  } else if (type === PLUGIN && data.plugin === 'rrweb/console@1' && isObject(data.payload)) {
    const level = typeof data.payload.level === 'string' ? data.payload.level : 'log';
    if (ERROR_LEVELS.has(level)) summary.consoleErrorCount += 1;
    else if (WARN_LEVELS.has(level)) summary.consoleWarnCount += 1;
    else summary.consoleLogCount += 1;
  }
}

function isActive(type: unknown, data: Record<string, unknown>): boolean {
  return type === INCREMENTAL && typeof data.source === 'number' && ACTIVE_SOURCES.has(data.source);
}

/**
 * PostHog's active time: split the events (in time order) into segments; a segment is active from an active event
 * until the first event more than the threshold after the last active one. Each active segment counts its span,
 * and at least 1 ms so a lone click still counts as activity.
 */
export function activeMilliseconds(timed: readonly { at: number; active: boolean }[]): number {
  const sorted = [...timed].sort((a, b) => a.at - b.at);
  let total = 0;
  let segment: { start: number; end: number; active: boolean } | null = null;
  let lastActiveAt = 0;
  for (const { at, active } of sorted) {
    const startsNew = segment === null || (active && !segment.active) || (segment.active && lastActiveAt + ACTIVITY_THRESHOLD_MS < at);
    if (active) lastActiveAt = at;
    if (startsNew) {
      if (segment?.active) total += Math.max(1, segment.end - segment.start);
      segment = { start: at, end: at, active };
    }
    segment!.end = at;
  }
  if (segment?.active) total += Math.max(1, segment.end - segment.start);
  return total;
}

function timestampOf(event: RawRrwebEvent): number | null {
  const at = typeof event.timestamp === 'number' ? event.timestamp : typeof event.timestamp === 'string' ? Number(event.timestamp) : NaN;
  return Number.isFinite(at) && at > 0 && at < 8.64e15 ? at : null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
