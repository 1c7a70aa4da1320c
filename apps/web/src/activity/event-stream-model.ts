import type { EventApi } from '@warren/shared/events-api';
import { operatorTakesValue, type PropertyFilter } from '../components/property-filter-model';

/** How far back each live check looks past the newest event shown: events reach the store a flush or a slow client later than their own time. */
export const LIVE_OVERLAP_MS = 60_000;

/**
 * Both lists merged, newest first, each event once (pages and live checks overlap by design).
 * Example: mergeEvents([b, a], [a, c]) -> [b, a, c] when b is newest and c oldest.
 */
export function mergeEvents(newer: readonly EventApi[], older: readonly EventApi[]): EventApi[] {
  const byId = new Map<string, EventApi>();
  for (const event of [...newer, ...older]) if (!byId.has(event.id)) byId.set(event.id, event);
  return [...byId.values()].sort(compareNewestFirst);
}

function compareNewestFirst(a: EventApi, b: EventApi): number {
  const ta = Date.parse(a.timestamp);
  const tb = Date.parse(b.timestamp);
  if (ta !== tb) return tb - ta;
  // Same millisecond: the microseconds are in the text, which sorts like time at equal length.
  if (a.timestamp !== b.timestamp) return a.timestamp < b.timestamp ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * The `after` of a live check: the newest shown event's time minus the overlap, or undefined (all time) when none is shown.
 * Example: liveAfter([{ timestamp: '2024-05-01T12:01:00+00:00', … }]) -> '2024-05-01T12:00:00.000Z'
 */
export function liveAfter(shown: readonly EventApi[]): string | undefined {
  const newest = shown[0];
  if (!newest) return undefined;
  return new Date(Date.parse(newest.timestamp) - LIVE_OVERLAP_MS).toISOString();
}

/**
 * Whether a live check's answer leaves a hole: a full page that does not reach back to the newest event shown means
 * more events arrived than one check returns, so the ones between are missing and the list must start over.
 */
export function liveLeavesGap(fresh: readonly EventApi[], limit: number, shown: readonly EventApi[]): boolean {
  const newestShown = shown[0];
  const oldestFresh = fresh.at(-1);
  if (!newestShown || !oldestFresh || fresh.length < limit) return false;
  return compareNewestFirst(oldestFresh, newestShown) < 0;
}

/**
 * The `before` of the page older than `page`, or undefined when `page` was the last. The API pages on time alone
 * (`timestamp < before`) and JavaScript dates keep milliseconds only, so the bound is the millisecond after the last
 * row: events sharing its millisecond come again (and are merged away) instead of being skipped. When a whole page
 * sat in one millisecond that would repeat forever, so then the bound is the last row's own time.
 * Example: olderBefore(page of 50 ending at '…12:00:00.123456+00:00', 50) -> '…T12:00:00.124Z'
 */
export function olderBefore(page: readonly EventApi[], limit: number): string | undefined {
  const last = page.at(-1);
  const first = page[0];
  if (!last || !first || page.length < limit) return undefined;
  const lastMs = Date.parse(last.timestamp);
  if (Date.parse(first.timestamp) === lastMs) return last.timestamp;
  return new Date(lastMs + 1).toISOString();
}

/** The page or screen an event happened on: `$current_url`, else `$screen_name`, else ''. */
export function eventLocation(event: EventApi): string {
  const { $current_url: url, $screen_name: screen, $pathname: pathname } = event.properties;
  for (const value of [url, screen, pathname]) if (typeof value === 'string' && value !== '') return value;
  return '';
}

/** The SDK that sent an event, e.g. `posthog-node 4.2.0`; '' when it did not say. */
export function eventLibrary(event: EventApi): string {
  const lib = event.properties.$lib;
  if (typeof lib !== 'string' || lib === '') return '';
  const version = event.properties.$lib_version;
  return typeof version === 'string' && version !== '' ? `${lib} ${version}` : lib;
}

const NAME_PROPERTIES = ['email', 'Email', '$email', 'name', 'Name', 'username', 'Username'];

/** How to name an event's person: their email or name property, else the event's distinct id. */
export function eventPersonName(event: EventApi): string {
  const properties = event.person?.properties ?? {};
  for (const key of NAME_PROPERTIES) {
    const value = properties[key];
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return event.distinct_id;
}

/**
 * Properties as rows to show, custom ones first then PostHog's own (`$…`), each alphabetically; values as text.
 * Example: propertyRows({ $lib: 'web', plan: 'pro', n: 2 }) -> [['n', '2'], ['plan', 'pro'], ['$lib', 'web']]
 */
export function propertyRows(properties: Record<string, unknown>): [string, string][] {
  const keys = Object.keys(properties).sort((a, b) => {
    const sa = a.startsWith('$');
    const sb = b.startsWith('$');
    if (sa !== sb) return sa ? 1 : -1;
    return a.localeCompare(b);
  });
  return keys.map((key) => [key, propertyText(properties[key])]);
}

/** A property value as text: strings as they are, everything else as JSON. */
export function propertyText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  return JSON.stringify(value);
}

/**
 * The filters ready to send: those with a property name and, when their operator takes one, a value. Rows being
 * typed are left out rather than sent half-made.
 */
export function completeFilters(filters: readonly PropertyFilter[]): PropertyFilter[] {
  return filters.filter((f) => {
    if (f.key.trim() === '') return false;
    if (!operatorTakesValue(f.operator)) return true;
    const v = f.value;
    return v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);
  });
}

/** The query string filters of `/events/` for the applied event name and property filters (and person). */
export function eventListQuery(filters: { event?: string; properties?: readonly PropertyFilter[]; personId?: string }): Record<string, string | undefined> {
  const properties = completeFilters(filters.properties ?? []);
  return {
    event: filters.event?.trim() || undefined,
    properties: properties.length > 0 ? JSON.stringify(properties) : undefined,
    person_id: filters.personId,
  };
}

/**
 * A timestamp in full, in the browser's time zone with its name, for hovering over a relative time.
 * Example: exactTime('2024-05-01T12:00:00.123456+00:00') -> 'Wednesday, May 1, 2024 at 2:00:00 PM GMT+2' (in Paris, English)
 */
export function exactTime(timestamp: string): string {
  const date = new Date(timestamp);
  if (Number.isNaN(date.getTime())) return timestamp;
  return date.toLocaleString(undefined, { dateStyle: 'full', timeStyle: 'long' });
}
