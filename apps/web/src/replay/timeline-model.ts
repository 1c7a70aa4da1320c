import type { EventApi } from '@warren/shared/events-api';
import type { ConsoleEntry } from './plugin-events';

/** What a mark on the player's timeline stands for; each kind has its own colour and can be told apart by its label. */
export type MarkKind = 'pageview' | 'click' | 'event' | 'error';

export interface TimelineMark {
  kind: MarkKind;
  /** Milliseconds from the start of the recording. */
  offsetMs: number;
  label: string;
}

/** Events the SDK sends on its own that say nothing a viewer would look for on the timeline. */
const QUIET_EVENTS = new Set(['$autocapture', '$pageleave', '$identify', '$set', '$create_alias', '$groupidentify', '$feature_flag_called', '$web_vitals', '$snapshot', '$opt_in', '$dead_click', '$heatmap', '$$heatmap', '$exception_list']);

/**
 * The timeline marks of a session's events (from the events API): pageviews and screens, rage clicks, exceptions as
 * errors and every custom event; the SDK's housekeeping events are left out. Autocaptured clicks come from the
 * recording itself (every click the user made, whether or not autocapture was on), so `$autocapture` is not repeated.
 * Example: eventMarks([{ event: '$pageview', timestamp: '…:05Z', properties: { $pathname: '/pricing' } }], start)
 *   -> [{ kind: 'pageview', offsetMs: 5000, label: 'Pageview /pricing' }]
 */
export function eventMarks(events: readonly EventApi[], startMs: number): TimelineMark[] {
  const marks: TimelineMark[] = [];
  for (const e of events) {
    if (QUIET_EVENTS.has(e.event)) continue;
    const offsetMs = Date.parse(e.timestamp) - startMs;
    if (!Number.isFinite(offsetMs)) continue;
    const path = typeof e.properties.$pathname === 'string' ? e.properties.$pathname : typeof e.properties.$current_url === 'string' ? e.properties.$current_url : '';
    if (e.event === '$pageview' || e.event === '$screen') marks.push({ kind: 'pageview', offsetMs, label: `Pageview ${path || (e.properties.$screen_name as string | undefined) || ''}`.trim() });
    else if (e.event === '$rageclick') marks.push({ kind: 'click', offsetMs, label: 'Rage click' });
    else if (e.event === '$exception') marks.push({ kind: 'error', offsetMs, label: `Exception ${String(e.properties.$exception_message ?? '')}`.trim() });
    else if (!e.event.startsWith('$')) marks.push({ kind: 'event', offsetMs, label: e.event });
  }
  return marks;
}

/**
 * The timeline marks of the recording's own content: its clicks and its console errors.
 * Example: recordingMarks([1_000], [{ level: 'error', text: 'boom', timestamp: 2_000, trace: [] }], 0)
 *   -> [{ kind: 'click', offsetMs: 1000, label: 'Click' }, { kind: 'error', offsetMs: 2000, label: 'Console error: boom' }]
 */
export function recordingMarks(clickTimes: readonly number[], consoleLines: readonly ConsoleEntry[], startMs: number): TimelineMark[] {
  const clicks = clickTimes.map((t): TimelineMark => ({ kind: 'click', offsetMs: t - startMs, label: 'Click' }));
  const errors = consoleLines.filter((c) => c.level === 'error').map((c): TimelineMark => ({ kind: 'error', offsetMs: c.timestamp - startMs, label: `Console error: ${c.text}` }));
  return [...clicks, ...errors];
}

/**
 * Marks placed along a timeline `durationMs` long, as percentages from its left edge; those outside it are dropped,
 * and marks of one kind closer than `minGapPercent` collapse into the first (a burst of clicks is one tick, not a smear).
 * Example: placeMarks([{ kind: 'click', offsetMs: 500, label: 'Click' }], 1000) -> [{ …, percent: 50, count: 1 }]
 */
export function placeMarks(marks: readonly TimelineMark[], durationMs: number, minGapPercent = 0.5): (TimelineMark & { percent: number; count: number })[] {
  if (!(durationMs > 0)) return [];
  const sorted = [...marks].filter((m) => m.offsetMs >= 0 && m.offsetMs <= durationMs).sort((a, b) => a.offsetMs - b.offsetMs);
  const lastOfKind = new Map<MarkKind, TimelineMark & { percent: number; count: number }>();
  const out: (TimelineMark & { percent: number; count: number })[] = [];
  for (const mark of sorted) {
    const percent = (mark.offsetMs / durationMs) * 100;
    const previous = lastOfKind.get(mark.kind);
    if (previous && percent - previous.percent < minGapPercent) {
      previous.count += 1;
      continue;
    }
    const placed = { ...mark, percent, count: 1 };
    out.push(placed);
    lastOfKind.set(mark.kind, placed);
  }
  return out;
}

/**
 * The moment a player link asks for, in milliseconds from the recording's start: `t` (an offset in ms) when given,
 * else `at` (an ISO time, what an event row knows) less the start; never before the start.
 * Example: startOffsetMs({ t: null, at: '2024-05-01T12:00:05Z' }, Date.parse('2024-05-01T12:00:00Z')) === 5000
 */
export function startOffsetMs(params: { t: string | null; at: string | null }, startMs: number): number {
  const t = Number(params.t);
  if (params.t !== null && Number.isFinite(t)) return Math.max(0, t);
  const at = params.at ? Date.parse(params.at) : NaN;
  return Number.isFinite(at) && Number.isFinite(startMs) ? Math.max(0, at - startMs) : 0;
}
