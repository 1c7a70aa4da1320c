import type { EventApi } from '@warren/shared/events-api';
import { clickhouseTimeToIso } from '../query/shape-values.js';
import type { EventRow } from './event-query.js';

/** An event as PostHog's `/events/` returns it (the shape the web app reads, shared with it). */
export type EventView = EventApi;

/**
 * A stored event in PostHog's shape: ISO time with `+00:00`, properties parsed, the person when it has one.
 * Example: toEventView(row).timestamp -> '2024-05-01T12:00:00.123456+00:00'.
 */
export function toEventView(row: EventRow): EventView {
  return {
    id: row.uuid,
    distinct_id: row.distinctId,
    properties: parseJson(row.properties),
    event: row.event,
    timestamp: eventTimestamp(row.timestamp),
    person: row.personProperties === null ? null : { id: row.personId, is_identified: row.personIsIdentified, properties: parseJson(row.personProperties) },
    elements: [],
    elements_chain: row.elementsChain,
  };
}

/** ClickHouse's `2024-05-01 12:00:00.123456` (UTC) as PostHog prints event times. */
export function eventTimestamp(clickhouseTime: string): string {
  return clickhouseTimeToIso(clickhouseTime, 'UTC').replace(/Z$/, '+00:00');
}

/** Properties columns hold JSON objects written by ingestion. */
function parseJson(text: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return {};
  }
}
