import { RRWEB, type RrwebEvent } from './rrweb-events';

export const CONSOLE_PLUGIN = 'rrweb/console@1';
export const NETWORK_PLUGIN = 'rrweb/network@1';

const MOUSE_INTERACTION_SOURCE = 2;
const CLICK_INTERACTIONS = new Set([2, 4]); // Click, DblClick

/** A line the recorded page wrote to its console. */
export interface ConsoleEntry {
  timestamp: number;
  /** `log`, `info`, `warn`, `error`, `debug`, … as the page called it. */
  level: string;
  text: string;
  /** The stack lines rrweb kept (for errors, where it came from). */
  trace: string[];
}

/** A request the recorded page made, as posthog-js's network plugin reports it. */
export interface NetworkEntry {
  timestamp: number;
  url: string;
  method: string;
  /** Null when the plugin saw no status (a resource timing without one). */
  status: number | null;
  durationMs: number | null;
  /** `fetch`, `xmlhttprequest`, `script`, `navigation`, … */
  initiatorType: string;
  transferSize: number | null;
}

interface PluginData {
  plugin?: unknown;
  payload?: unknown;
}

function pluginPayload(event: RrwebEvent, plugin: string): Record<string, unknown> | null {
  if (event.type !== RRWEB.Plugin) return null;
  const data = event.data as PluginData | undefined;
  if (data?.plugin !== plugin || typeof data.payload !== 'object' || data.payload === null) return null;
  return data.payload as Record<string, unknown>;
}

/**
 * The console line an rrweb console-plugin event carries, or null for any other event. rrweb keeps each argument as
 * JSON text; strings are shown bare, everything else as its JSON.
 * Example: consoleEntry({ type: 6, timestamp: 5, data: { plugin: 'rrweb/console@1', payload: { level: 'error', payload: ['"boom"', '42'] } } })
 *   -> { timestamp: 5, level: 'error', text: 'boom 42', trace: [] }
 */
export function consoleEntry(event: RrwebEvent): ConsoleEntry | null {
  const payload = pluginPayload(event, CONSOLE_PLUGIN);
  if (!payload) return null;
  const args = Array.isArray(payload.payload) ? payload.payload : [];
  const text = args.map((arg) => argumentText(arg)).join(' ');
  const trace = Array.isArray(payload.trace) ? payload.trace.filter((t): t is string => typeof t === 'string') : [];
  return { timestamp: event.timestamp, level: typeof payload.level === 'string' ? payload.level : 'log', text, trace };
}

function argumentText(arg: unknown): string {
  if (typeof arg !== 'string') return JSON.stringify(arg) ?? '';
  try {
    const value: unknown = JSON.parse(arg);
    return typeof value === 'string' ? value : arg;
  } catch {
    return arg;
  }
}

/**
 * The requests an rrweb network-plugin event carries (posthog-js batches them), or none for any other event.
 * Example: networkEntries({ type: 6, timestamp: 9, data: { plugin: 'rrweb/network@1', payload: { requests: [{ name: 'https://x.test/api', method: 'POST', status: 500, duration: 31 }] } } })
 *   -> [{ timestamp: 9, url: 'https://x.test/api', method: 'POST', status: 500, durationMs: 31, initiatorType: '', transferSize: null }]
 */
export function networkEntries(event: RrwebEvent): NetworkEntry[] {
  const payload = pluginPayload(event, NETWORK_PLUGIN);
  if (!payload || !Array.isArray(payload.requests)) return [];
  const out: NetworkEntry[] = [];
  for (const request of payload.requests as Record<string, unknown>[]) {
    if (typeof request !== 'object' || request === null || typeof request.name !== 'string') continue;
    // Server timings describe another entry's server work, not a request of their own.
    if (request.entryType === 'serverTiming') continue;
    const start = numberOr(request.timestamp, null);
    const duration = numberOr(request.duration, null) ?? durationOf(request);
    out.push({
      timestamp: start ?? event.timestamp,
      url: request.name,
      method: typeof request.method === 'string' ? request.method.toUpperCase() : 'GET',
      status: numberOr(request.status ?? request.responseStatus, null),
      durationMs: duration === null ? null : Math.round(duration),
      initiatorType: typeof request.initiatorType === 'string' ? request.initiatorType : '',
      transferSize: numberOr(request.transferSize, null),
    });
  }
  return out;
}

function durationOf(request: Record<string, unknown>): number | null {
  const start = numberOr(request.startTime, null);
  const end = numberOr(request.endTime, null);
  return start !== null && end !== null && end >= start ? end - start : null;
}

function numberOr<T>(value: unknown, fallback: T): number | T {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/**
 * Whether an rrweb event is a click (or double click) of the recorded user.
 * Example: isClick({ type: 3, timestamp: 1, data: { source: 2, type: 2, id: 7, x: 1, y: 2 } }) === true
 */
export function isClick(event: RrwebEvent): boolean {
  if (event.type !== RRWEB.IncrementalSnapshot) return false;
  const data = event.data as { source?: unknown; type?: unknown } | undefined;
  return data?.source === MOUSE_INTERACTION_SOURCE && typeof data.type === 'number' && CLICK_INTERACTIONS.has(data.type);
}
